namespace Chatbot.Storage.Reporting;

/// <summary>One UTC day of a report; a day without activity has every count 0.</summary>
public sealed record PilotReportDay : PilotReportCounts
{
    /// <summary>The day (UTC).</summary>
    public required DateOnly Date { get; init; }
}
