namespace Chatbot.Tools.Training;

/// <summary>Standardises feature rows for fitting: each feature's mean and standard deviation (1 when it does not vary), and the rows in those units.</summary>
public static class Standardization
{
    /// <summary>The means, scales and standardised copies of <paramref name="rows"/>, each of <paramref name="features"/> values.</summary>
    public static (double[] Means, double[] Scales, List<double[]> Rows) Of(IReadOnlyList<double[]> rows, int features)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var means = new double[features];
        var scales = new double[features];
        for (var j = 0; j < features; j++)
        {
            means[j] = rows.Average(r => r[j]);
            var variance = rows.Average(r => (r[j] - means[j]) * (r[j] - means[j]));
            scales[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }

        return (means, scales, rows.Select(r => r.Select((v, j) => (v - means[j]) / scales[j]).ToArray()).ToList());
    }
}
