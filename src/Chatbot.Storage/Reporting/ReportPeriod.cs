namespace Chatbot.Storage.Reporting;

/// <summary>
/// The UTC days a report covers, both ends included: from <see cref="From"/> 00:00 UTC up to the end of
/// <see cref="To"/>. At most <see cref="MaxDays"/> days, so one report reads a bounded number of rows.
/// </summary>
public sealed record ReportPeriod
{
    /// <summary>The most days one report covers (a leap year).</summary>
    public const int MaxDays = 366;

    /// <summary>The days a report covers when none are asked for.</summary>
    public const int DefaultDays = 14;

    /// <summary>The period from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The period is backwards or longer than <see cref="MaxDays"/>; see <see cref="Check"/>.</exception>
    public ReportPeriod(DateOnly from, DateOnly to)
    {
        if (Check(from, to) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(to), problem);
        }

        From = from;
        To = to;
    }

    /// <summary>The first day.</summary>
    public DateOnly From { get; }

    /// <summary>The last day, included.</summary>
    public DateOnly To { get; }

    /// <summary>How many days the period has.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The first instant of the period (UTC).</summary>
    public DateTime Start => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first instant after the period (UTC).</summary>
    public DateTime End => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The <paramref name="days"/> days that end with <paramref name="today"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is not 1 to <see cref="MaxDays"/>.</exception>
    public static ReportPeriod Ending(DateOnly today, int days = DefaultDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        return new ReportPeriod(today.AddDays(1 - days), today);
    }

    /// <summary>What is wrong with a period from <paramref name="from"/> to <paramref name="to"/>; null when nothing is.</summary>
    public static string? Check(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return $"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).";
        }

        var days = to.DayNumber - from.DayNumber + 1;
        return days > MaxDays ? $"The period has {days} days; a report covers at most {MaxDays}." : null;
    }

    /// <summary>The UTC day <paramref name="at"/> falls on.</summary>
    public static DateOnly DayOf(DateTime at) => DateOnly.FromDateTime(at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at);
}
