namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>One scenario's measurements, with the no-op baseline's CPU per turn taken off.</summary>
/// <param name="Name">The scenario's name: echo, embed, app or fake-llm.</param>
/// <param name="Load">What the load driver measured.</param>
/// <param name="BaselineCpuMillisecondsPerTurn">The no-op baseline's CPU per turn (load driver and a bare HTTP round trip).</param>
public sealed record ScenarioResult(string Name, LoadResult Load, double BaselineCpuMillisecondsPerTurn)
{
    /// <summary>Process CPU per turn above the no-op baseline, in ms (0 when no turn succeeded in the window).</summary>
    public double CpuMillisecondsPerTurn => Load.Turns > 0 ? Load.CpuMillisecondsPerTurn - BaselineCpuMillisecondsPerTurn : 0;

    /// <summary>The peak working set in MB (2^20 bytes).</summary>
    public double PeakMegabytes => Load.PeakWorkingSetBytes / (1024.0 * 1024.0);
}
