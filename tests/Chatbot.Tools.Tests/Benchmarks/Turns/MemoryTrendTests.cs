using Chatbot.Tools.Benchmarks.Turns;

namespace Chatbot.Tools.Tests.Benchmarks.Turns;

public sealed class MemoryTrendTests
{
    private const long Megabyte = 1 << 20;

    [Fact]
    public void Fit_TakesTheSlopeOverTheWindowsLastEightMinutes_InMegabytesPerMinute()
    {
        // 10 minutes after a 6 s warm-up: memory climbs 100 MB in the first two minutes, then 1 MB a minute.
        var samples = Enumerable.Range(0, 21).Select(i =>
        {
            var seconds = i * 30.0;
            var megabytes = seconds <= 120 ? 400 + (seconds / 120 * 100) : 500 + ((seconds - 120) / 60);
            return Sample(seconds, megabytes);
        }).ToList();

        var trend = MemoryTrend.Fit(Load(samples, warmup: 6, window: 600))!;

        Assert.Equal(126, trend.From.TotalSeconds, 3);
        Assert.Equal(606, trend.To.TotalSeconds, 3);
        Assert.Equal(16, trend.Samples); // 150 s to 600 s
        Assert.Equal(1.0, trend.WorkingSetMegabytesPerMinute, 6);
        Assert.Equal(1.0, trend.LiveHeapMegabytesPerMinute, 6);
        Assert.True(trend.IsFlat); // 8 MB over 8 minutes on about 505 MB
    }

    [Fact]
    public void Fit_CallsASteadyClimbGrowing_AndNoiseAroundALevelFlat()
    {
        var climbing = Enumerable.Range(0, 21).Select(i => Sample(i * 30.0, 500 + (i * 5.0))).ToList(); // 10 MB a minute
        var noisy = Enumerable.Range(0, 21).Select(i => Sample(i * 30.0, 500 + (i % 2 == 0 ? 15 : -15))).ToList();

        Assert.False(MemoryTrend.Fit(Load(climbing, warmup: 6, window: 600))!.IsFlat);
        Assert.True(MemoryTrend.Fit(Load(noisy, warmup: 6, window: 600))!.IsFlat);
    }

    [Fact]
    public void Fit_IsNull_WhenTheWindowHoldsFewerThanThreeSamples()
    {
        Assert.Null(MemoryTrend.Fit(Load([Sample(0, 400), Sample(23, 420)], warmup: 3, window: 20)));
    }

    [Fact]
    public void ToCsv_HasOneRowPerSample_AndSaysWhichAreInTheWindow()
    {
        var scenario = new ScenarioResult("app", Load([Sample(0, 400), Sample(30, 410)], warmup: 6, window: 600), 0);

        var lines = MemoryTrend.ToCsv([scenario]).TrimEnd().Split('\n');

        Assert.Equal("scenario,seconds,in_window,working_set_mb,gc_heap_mb,live_heap_mb,turns_sent", lines[0]);
        Assert.Equal("app,0.0,0,400.0,400.0,400.0,0", lines[1]);
        Assert.Equal("app,30.0,1,410.0,410.0,410.0,300", lines[2]);
        Assert.StartsWith("<svg", MemoryTrend.ToSvg(scenario, trend: null), StringComparison.Ordinal);
    }

    private static MemorySample Sample(double seconds, double megabytes)
    {
        var bytes = (long)(megabytes * Megabyte);
        return new MemorySample(TimeSpan.FromSeconds(seconds), bytes, bytes, bytes, (int)(seconds * 10));
    }

    private static LoadResult Load(List<MemorySample> samples, double warmup, double window) => new()
    {
        Turns = 1,
        WarmupTime = TimeSpan.FromSeconds(warmup),
        Window = TimeSpan.FromSeconds(window),
        Latencies = new LatencyStats([1.0]),
        CpuTime = TimeSpan.Zero,
        PeakWorkingSetBytes = samples.Max(s => s.WorkingSetBytes),
        TurnsSent = 1,
        Errors = 0,
        ErrorSamples = [],
        MemorySamples = samples,
    };
}
