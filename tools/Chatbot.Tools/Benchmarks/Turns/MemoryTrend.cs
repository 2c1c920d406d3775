using System.Globalization;
using System.Text;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// The least-squares slope of a scenario's memory curve over the end of its measured window, and whether
/// that is flat: a leak shows as a steady climb once caches and pools have filled, which the first minutes
/// (and the warm-up) hide.
/// </summary>
/// <param name="From">Start of the fitted span, as time since the run started.</param>
/// <param name="To">End of the fitted span (the window's end).</param>
/// <param name="Samples">Samples in the span.</param>
/// <param name="WorkingSetMegabytesPerMinute">Slope of the working set.</param>
/// <param name="GcHeapMegabytesPerMinute">Slope of the managed heap as the run left it.</param>
/// <param name="LiveHeapMegabytesPerMinute">Slope of the managed heap after a full collection.</param>
/// <param name="MeanWorkingSetMegabytes">The working set's mean over the span.</param>
public sealed record MemoryTrend(TimeSpan From, TimeSpan To, int Samples, double WorkingSetMegabytesPerMinute, double GcHeapMegabytesPerMinute, double LiveHeapMegabytesPerMinute, double MeanWorkingSetMegabytes)
{
    /// <summary>How much of the window's end is fitted, at most: a 10-minute soak leaves its first 2 minutes as warm-up.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromMinutes(8);

    /// <summary>
    /// The growth the slope projects over the fitted span that still counts as flat, as a share of the mean
    /// working set. The working set moves by a few percent as the GC compacts and returns pages; a leak that
    /// is real at this load keeps going and passes that within minutes.
    /// </summary>
    public const double FlatShare = 0.02;

    /// <summary>The working set growth the slope projects over the fitted span, in megabytes.</summary>
    public double ProjectedGrowthMegabytes => WorkingSetMegabytesPerMinute * (To - From).TotalMinutes;

    /// <summary>True when the projected growth over the span stays within <see cref="FlatShare"/> of the mean working set.</summary>
    public bool IsFlat => ProjectedGrowthMegabytes <= FlatShare * MeanWorkingSetMegabytes;

    /// <summary>
    /// Fits the samples of <paramref name="load"/> that fall in the last <paramref name="span"/> (default 8 minutes)
    /// of its measured window; null when fewer than 3 samples fall there (a short run has no curve to speak of).
    /// </summary>
    public static MemoryTrend? Fit(LoadResult load, TimeSpan? span = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        var windowStart = load.WarmupTime;
        var windowEnd = load.WarmupTime + load.Window;
        var from = windowEnd - (span ?? DefaultSpan);
        if (from < windowStart)
        {
            from = windowStart;
        }

        // The sample at the window's end is taken a moment after the window closes.
        var points = load.MemorySamples.Where(s => s.Elapsed >= from).ToList();
        if (points.Count < 3)
        {
            return null;
        }

        var minutes = points.Select(p => p.Elapsed.TotalMinutes).ToList();
        return new MemoryTrend(
            from,
            windowEnd,
            points.Count,
            Slope(minutes, points.Select(p => p.WorkingSetMegabytes).ToList()),
            Slope(minutes, points.Select(p => p.GcHeapMegabytes).ToList()),
            Slope(minutes, points.Select(p => p.LiveHeapMegabytes).ToList()),
            points.Average(p => p.WorkingSetMegabytes));
    }

    /// <summary>Ordinary least squares: Σ(x−x̄)(y−ȳ) ÷ Σ(x−x̄)².</summary>
    internal static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        double numerator = 0, denominator = 0;
        for (var i = 0; i < x.Count; i++)
        {
            numerator += (x[i] - meanX) * (y[i] - meanY);
            denominator += (x[i] - meanX) * (x[i] - meanX);
        }

        return denominator > 0 ? numerator / denominator : 0;
    }

    /// <summary>One line for the report.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"slope over {From.TotalSeconds:0}–{To.TotalSeconds:0} s ({Samples} samples, least squares): working set {WorkingSetMegabytesPerMinute:+0.00;-0.00;0.00} MB/min ({ProjectedGrowthMegabytes:+0.0;-0.0;0.0} MB over the span, mean {MeanWorkingSetMegabytes:F0} MB), GC heap {GcHeapMegabytesPerMinute:+0.00;-0.00;0.00} MB/min, live heap {LiveHeapMegabytesPerMinute:+0.00;-0.00;0.00} MB/min: {(IsFlat ? "flat" : "GROWING")} (flat: growth within {FlatShare:P0} of the mean)");

    /// <summary>The samples of every scenario as CSV: <c>scenario,seconds,in_window,working_set_mb,gc_heap_mb,live_heap_mb,turns_sent</c>.</summary>
    public static string ToCsv(IEnumerable<ScenarioResult> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var csv = new StringBuilder("scenario,seconds,in_window,working_set_mb,gc_heap_mb,live_heap_mb,turns_sent\n");
        foreach (var scenario in scenarios)
        {
            foreach (var s in scenario.Load.MemorySamples)
            {
                var inWindow = s.Elapsed >= scenario.Load.WarmupTime ? 1 : 0;
                csv.Append(CultureInfo.InvariantCulture, $"{scenario.Name},{s.Elapsed.TotalSeconds:F1},{inWindow},{s.WorkingSetMegabytes:F1},{s.GcHeapMegabytes:F1},{s.LiveHeapMegabytes:F1},{s.TurnsSent}\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// A plain SVG line chart of one scenario's working set (blue), managed heap (orange) and live heap (green) against time,
    /// with the fitted slope drawn as a dashed line, for reading the curve without a spreadsheet.
    /// </summary>
    public static string ToSvg(ScenarioResult scenario, MemoryTrend? trend)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        const double Width = 720, Height = 360, Left = 60, Right = 20, Top = 30, Bottom = 40;
        var samples = scenario.Load.MemorySamples;
        var maxSeconds = Math.Max(1, samples.Count == 0 ? 1 : samples.Max(s => s.Elapsed.TotalSeconds));
        var maxMegabytes = samples.Count == 0 ? 1 : Math.Ceiling(samples.Max(s => Math.Max(s.WorkingSetMegabytes, s.GcHeapMegabytes)) / 50) * 50;
        double X(double seconds) => Left + (seconds / maxSeconds * (Width - Left - Right));
        double Y(double megabytes) => Height - Bottom - (megabytes / maxMegabytes * (Height - Top - Bottom));
        string Points(Func<MemorySample, double> value) =>
            string.Join(' ', samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{X(s.Elapsed.TotalSeconds):F1},{Y(value(s)):F1}")));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="18">bench turns, {scenario.Name}: working set (blue), GC heap (orange), live heap (green), MB against seconds</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Y(0)}" x2="{Width - Right}" y2="{Y(0)}" stroke="black"/><line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Y(0)}" stroke="black"/>""").Append('\n');
        for (var i = 0; i <= 4; i++)
        {
            var mb = maxMegabytes * i / 4;
            var seconds = maxSeconds * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{Y(mb) + 4:F1}" text-anchor="end">{mb:0}</text><text x="{X(seconds):F1}" y="{Height - Bottom + 16}" text-anchor="middle">{seconds:0}</text>""").Append('\n');
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="{Points(s => s.WorkingSetMegabytes)}"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="#ff7f0e" stroke-width="2" points="{Points(s => s.GcHeapMegabytes)}"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="#2ca02c" stroke-width="2" points="{Points(s => s.LiveHeapMegabytes)}"/>""").Append('\n');
        if (trend is not null)
        {
            var fromMinutes = trend.From.TotalMinutes;
            var toMinutes = trend.To.TotalMinutes;
            var mid = (fromMinutes + toMinutes) / 2;
            double Fitted(double minutes) => trend.MeanWorkingSetMegabytes + (trend.WorkingSetMegabytesPerMinute * (minutes - mid));
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{X(trend.From.TotalSeconds):F1}" y1="{Y(Fitted(fromMinutes)):F1}" x2="{X(trend.To.TotalSeconds):F1}" y2="{Y(Fitted(toMinutes)):F1}" stroke="black" stroke-dasharray="6 4"/>""").Append('\n');
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
