namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// Percentiles of a set of latencies by the nearest-rank method: the p-th percentile is the
/// smallest sample that at least p% of the samples are less than or equal to. It is always one of
/// the measured values, never an interpolation between two.
/// </summary>
public sealed class LatencyStats
{
    private readonly double[] _sorted;

    /// <summary>Sorts a copy of <paramref name="samples"/>.</summary>
    public LatencyStats(IEnumerable<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _sorted = [.. samples];
        if (_sorted.Any(double.IsNaN))
        {
            throw new ArgumentException("A latency sample is NaN.", nameof(samples));
        }

        Array.Sort(_sorted);
    }

    /// <summary>How many samples there are.</summary>
    public int Count => _sorted.Length;

    /// <summary>The median (nearest rank).</summary>
    public double P50 => Percentile(50);

    /// <summary>The 95th percentile (nearest rank).</summary>
    public double P95 => Percentile(95);

    /// <summary>The 99th percentile (nearest rank).</summary>
    public double P99 => Percentile(99);

    /// <summary>The <paramref name="percent"/>-th percentile (0 &lt; percent &lt;= 100); 0 when there are no samples.</summary>
    public double Percentile(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (_sorted.Length == 0)
        {
            return 0;
        }

        // The tolerance keeps products such as 7/100 * 100 = 7.000000000000001 from moving up a rank.
        var rank = (int)Math.Ceiling((percent / 100 * _sorted.Length) - 1e-9);
        return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
    }
}
