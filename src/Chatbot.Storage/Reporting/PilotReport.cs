namespace Chatbot.Storage.Reporting;

/// <summary>
/// How the bot did over a period, as a pilot's support lead reads it: counts per UTC day (days without activity
/// included), the sources cited most, the questions the knowledge base did not answer, the requests for a person, and the
/// sentences kept from users under <c>Grounding:Policy=Repair</c>.
/// </summary>
public sealed record PilotReport
{
    /// <summary>The first day (UTC).</summary>
    public required DateOnly From { get; init; }

    /// <summary>The last day (UTC), included.</summary>
    public required DateOnly To { get; init; }

    /// <summary>When the report was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The whole period's counts.</summary>
    public required PilotReportCounts Totals { get; init; }

    /// <summary>One entry per day from <see cref="From"/> to <see cref="To"/>, in order.</summary>
    public required IReadOnlyList<PilotReportDay> Days { get; init; }

    /// <summary>The sources cited in the most answers, most cited first (ties by title).</summary>
    public required IReadOnlyList<TopicCount> TopTopics { get; init; }

    /// <summary>The questions answered "not covered", most recently asked first.</summary>
    public required IReadOnlyList<NotCoveredQuestion> NotCovered { get; init; }

    /// <summary>The requests for a person, most recent first.</summary>
    public required IReadOnlyList<HandoffSummary> Handoffs { get; init; }

    /// <summary>The sentences the Repair policy kept from users, most recent first (in the order written within an answer).</summary>
    public IReadOnlyList<WithheldSummary> Withheld { get; init; } = [];
}
