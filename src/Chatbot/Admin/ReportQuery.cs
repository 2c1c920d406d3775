using System.Globalization;
using Chatbot.Storage.Reporting;

namespace Chatbot.Admin;

/// <summary>
/// The period a report request asks for: <c>days=N</c> (1 to 366 days ending today, UTC; 14 when nothing is given),
/// or <c>from=yyyy-MM-dd</c> and/or <c>to=yyyy-MM-dd</c> (both included; <c>from</c> alone runs to today, <c>to</c>
/// alone covers the 14 days ending then). Every bad value is reported with the parameter it came in.
/// </summary>
public static class ReportQuery
{
    /// <summary>The parameter for a number of days.</summary>
    public const string Days = "days";

    /// <summary>The parameter for the first day.</summary>
    public const string From = "from";

    /// <summary>The parameter for the last day.</summary>
    public const string To = "to";

    /// <summary>Reads the period from <paramref name="query"/>; false with <paramref name="errors"/> by parameter when it cannot.</summary>
    public static bool TryParse(IQueryCollection query, DateOnly today, out ReportPeriod? period, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        errors = [];
        period = null;
        var days = Single(query, Days, errors);
        var fromText = Single(query, From, errors);
        var toText = Single(query, To, errors);
        if (days is not null && (fromText is not null || toText is not null))
        {
            errors[Days] = [$"Give either {Days} or {From}/{To}, not both."];
        }

        var count = ReportPeriod.DefaultDays;
        if (days is not null && !errors.ContainsKey(Days))
        {
            if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > ReportPeriod.MaxDays)
            {
                errors[Days] = [$"'{Shorten(days)}' is not a number of days from 1 to {ReportPeriod.MaxDays}."];
            }
        }

        var from = Date(fromText, From, errors);
        var to = Date(toText, To, errors);
        if (errors.Count > 0)
        {
            return false;
        }

        if (from is null && to is null)
        {
            period = ReportPeriod.Ending(today, count);
            return true;
        }

        var last = to ?? today;
        var first = from ?? last.AddDays(1 - ReportPeriod.DefaultDays);
        if (ReportPeriod.Check(first, last) is { } problem)
        {
            errors[fromText is not null ? From : To] = [problem];
            return false;
        }

        period = new ReportPeriod(first, last);
        return true;
    }

    private static string? Single(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1)
        {
            errors[name] = [$"Give {name} once."];
            return null;
        }

        return values[0] ?? string.Empty;
    }

    private static DateOnly? Date(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[name] = [$"'{Shorten(text)}' is not a date written yyyy-MM-dd (UTC)."];
        return null;
    }

    /// <summary>Echoes at most 40 characters of what was sent.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
