using System.Diagnostics;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// Samples the process's working set every 100 ms while it runs and keeps the peak, and every
/// <c>timelineInterval</c> also records the working set and managed heap, so that a long run shows
/// whether memory keeps growing. The whole process is measured: the host under test, the load
/// driver and whatever earlier scenarios left.
/// </summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    /// <summary>How often the working set is read for the peak.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _timelineInterval;
    private readonly Func<int> _turnsSent;
    private readonly List<MemorySample> _timeline = [];
    private readonly Lock _timelineLock = new();
    private readonly Task _sampling;
    private long _peakBytes;

    private ResourceSampler(TimeSpan timelineInterval, Func<int> turnsSent)
    {
        _timelineInterval = timelineInterval;
        _turnsSent = turnsSent;
        _peakBytes = CurrentWorkingSet();
        Record();
        _sampling = SampleAsync(_stop.Token);
    }

    /// <summary>The largest working set seen so far, in bytes.</summary>
    public long PeakWorkingSetBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>The samples recorded so far, oldest first: one at the start, then one per interval.</summary>
    public IReadOnlyList<MemorySample> Timeline
    {
        get
        {
            lock (_timelineLock)
            {
                return [.. _timeline];
            }
        }
    }

    /// <summary>The CPU time the process has used so far (all threads, user and kernel).</summary>
    public static TimeSpan ProcessCpuTime() => Environment.CpuUsage.TotalTime;

    /// <summary>Starts sampling.</summary>
    /// <param name="timelineInterval">How often a timeline sample is recorded.</param>
    /// <param name="turnsSent">Reads the run's message count for each timeline sample.</param>
    public static ResourceSampler Start(TimeSpan timelineInterval, Func<int> turnsSent) => new(timelineInterval, turnsSent);

    /// <summary>Records a timeline sample now (the end of the measured window, between two intervals).</summary>
    public void Record()
    {
        // The heap as the run left it first, then what survives a full collection: generation 2 is collected rarely,
        // so the first climbs with garbage between full collections and only the second can show a leak. One forced
        // collection every 30 s costs the run a few tens of milliseconds.
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var sample = new MemorySample(Stopwatch.GetElapsedTime(_started), CurrentWorkingSet(), heap, live, _turnsSent());
        lock (_timelineLock)
        {
            _timeline.Add(sample);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var nextTimeline = _timelineInterval;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var current = CurrentWorkingSet();
            if (current > Interlocked.Read(ref _peakBytes))
            {
                Interlocked.Exchange(ref _peakBytes, current);
            }

            // Against the clock, not a tick count: a busy machine delays ticks, and the curve's times must be true.
            if (Stopwatch.GetElapsedTime(_started) >= nextTimeline)
            {
                Record();
                nextTimeline += _timelineInterval;
            }
        }
    }

    private static long CurrentWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
