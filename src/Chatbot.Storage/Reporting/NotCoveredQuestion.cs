namespace Chatbot.Storage.Reporting;

/// <summary>
/// A question the knowledge base did not answer: a gap a pilot fills with a document or a FAQ entry. Questions
/// that differ only in case, spacing or end punctuation are one.
/// </summary>
public sealed record NotCoveredQuestion
{
    /// <summary>The question as it was last asked (redacted as stored).</summary>
    public required string Question { get; init; }

    /// <summary>How often it was asked in the period.</summary>
    public required int Count { get; init; }

    /// <summary>When it was first asked in the period (UTC).</summary>
    public required DateTime FirstAskedAt { get; init; }

    /// <summary>When it was last asked (UTC).</summary>
    public required DateTime LastAskedAt { get; init; }

    /// <summary>The conversation it was last asked in, whose transcript shows what the bot said.</summary>
    public required string LastConversationId { get; init; }
}
