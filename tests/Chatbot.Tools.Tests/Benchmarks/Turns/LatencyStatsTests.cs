using Chatbot.Tools.Benchmarks.Turns;

namespace Chatbot.Tools.Tests.Benchmarks.Turns;

public sealed class LatencyStatsTests
{
    [Theory]
    [InlineData(5, 15)]
    [InlineData(30, 20)]
    [InlineData(40, 20)]
    [InlineData(50, 35)]
    [InlineData(100, 50)]
    public void Percentile_FiveSamples_IsTheNearestRank(double percent, double expected)
    {
        // The worked example of the nearest-rank method, given out of order.
        var stats = new LatencyStats([50, 15, 40, 20, 35]);

        Assert.Equal(expected, stats.Percentile(percent));
    }

    [Fact]
    public void P50P95P99_OneToHundredShuffled_AreThoseRanks()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        new Random(7).Shuffle(samples);

        var stats = new LatencyStats(samples);

        Assert.Equal(100, stats.Count);
        Assert.Equal(50, stats.P50);
        Assert.Equal(95, stats.P95);
        Assert.Equal(99, stats.P99);
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(14, 14)]
    [InlineData(28, 28)]
    public void Percentile_WhenThePercentTimesTheCountIsNotExactInFloatingPoint_DoesNotSkipARank(double percent, double expected)
    {
        // 7 / 100 * 100 is 7.000000000000001 in double arithmetic; a plain ceiling would answer 8.
        var stats = new LatencyStats(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal(expected, stats.Percentile(percent));
    }

    [Fact]
    public void Percentile_OneSample_IsThatSampleAtEveryPercent()
    {
        var stats = new LatencyStats([12.5]);

        Assert.Equal(12.5, stats.Percentile(0.1));
        Assert.Equal(12.5, stats.P50);
        Assert.Equal(12.5, stats.P99);
    }

    [Fact]
    public void Percentile_NoSamples_IsZero()
    {
        Assert.Equal(0, new LatencyStats([]).P95);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void Percentile_OutsideZeroToHundred_Throws(double percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyStats([1, 2, 3]).Percentile(percent));
    }

    [Fact]
    public void Constructor_NaNSample_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LatencyStats([1, double.NaN]));
    }
}
