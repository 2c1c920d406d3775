namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>The process's memory at one moment of a <see cref="LoadDriver"/> run.</summary>
/// <param name="Elapsed">Time since the run started (warm-up included).</param>
/// <param name="WorkingSetBytes">The whole process's working set.</param>
/// <param name="GcHeapBytes">The managed heap after the last collection the run made by itself (<see cref="GCMemoryInfo.HeapSizeBytes"/>): garbage in generation 2 included.</param>
/// <param name="LiveHeapBytes">The managed heap right after a full, blocking collection forced for the sample: what is really kept.</param>
/// <param name="TurnsSent">Messages sent so far in the run.</param>
public readonly record struct MemorySample(TimeSpan Elapsed, long WorkingSetBytes, long GcHeapBytes, long LiveHeapBytes, int TurnsSent)
{
    /// <summary>The working set in megabytes (2^20 bytes).</summary>
    public double WorkingSetMegabytes => WorkingSetBytes / 1048576.0;

    /// <summary>The managed heap in megabytes (2^20 bytes).</summary>
    public double GcHeapMegabytes => GcHeapBytes / 1048576.0;

    /// <summary>The live managed heap in megabytes (2^20 bytes).</summary>
    public double LiveHeapMegabytes => LiveHeapBytes / 1048576.0;
}
