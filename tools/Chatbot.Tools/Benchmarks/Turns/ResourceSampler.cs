using System.Diagnostics;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// Samples the process's working set every 100 ms while it runs and keeps the peak. The whole
/// process is measured: the host under test, the load driver and whatever earlier scenarios left.
/// </summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    /// <summary>How often the working set is read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakBytes;

    private ResourceSampler()
    {
        _peakBytes = CurrentWorkingSet();
        _sampling = SampleAsync(_stop.Token);
    }

    /// <summary>The largest working set seen so far, in bytes.</summary>
    public long PeakWorkingSetBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>The CPU time the process has used so far (all threads, user and kernel).</summary>
    public static TimeSpan ProcessCpuTime() => Environment.CpuUsage.TotalTime;

    /// <summary>Starts sampling.</summary>
    public static ResourceSampler Start() => new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var current = CurrentWorkingSet();
            if (current > Interlocked.Read(ref _peakBytes))
            {
                Interlocked.Exchange(ref _peakBytes, current);
            }
        }
    }

    private static long CurrentWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
