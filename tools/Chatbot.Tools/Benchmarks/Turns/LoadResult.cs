namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>What a <see cref="LoadDriver"/> run measured.</summary>
public sealed record LoadResult
{
    /// <summary>Successful turns that completed inside the measured window.</summary>
    public required int Turns { get; init; }

    /// <summary>How long the warm-up took: the requested time, or longer when the first turns were slower.</summary>
    public required TimeSpan WarmupTime { get; init; }

    /// <summary>The measured window's exact length.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>The latencies of those turns, in milliseconds.</summary>
    public required LatencyStats Latencies { get; init; }

    /// <summary>The process's CPU time during the window (every thread: host, bot and load driver).</summary>
    public required TimeSpan CpuTime { get; init; }

    /// <summary>The largest working set sampled from the start of the run to the end of the window.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Messages sent over the whole run, warm-up and drain included, whatever their outcome.</summary>
    public required int TurnsSent { get; init; }

    /// <summary>Failed requests over the whole run: non-2xx, a message without a message reply, timeouts, connection errors.</summary>
    public required int Errors { get; init; }

    /// <summary>The first few failures, as read (status and the start of the body, or the exception).</summary>
    public required IReadOnlyList<string> ErrorSamples { get; init; }

    /// <summary>
    /// The working set and managed heap at the run's start, every sampling interval, and at the window's end
    /// (times since the run started: the window is from <see cref="WarmupTime"/> to <see cref="WarmupTime"/> + <see cref="Window"/>).
    /// </summary>
    public IReadOnlyList<MemorySample> MemorySamples { get; init; } = [];

    /// <summary>Successful turns per second in the window.</summary>
    public double TurnsPerSecond => Window > TimeSpan.Zero ? Turns / Window.TotalSeconds : 0;

    /// <summary>Process CPU milliseconds per successful turn in the window (0 when there were none).</summary>
    public double CpuMillisecondsPerTurn => Turns > 0 ? CpuTime.TotalMilliseconds / Turns : 0;
}
