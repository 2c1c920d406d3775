namespace Chatbot.Storage.Reporting;

/// <summary>A sentence the Repair policy kept from a user, as a pilot reviews what was not shown and why.</summary>
public sealed record WithheldSummary
{
    /// <summary>When its answer was sent (UTC).</summary>
    public required DateTime At { get; init; }

    /// <summary>The channel the answer was sent on.</summary>
    public required string ChannelId { get; init; }

    /// <summary>The conversation, whose transcript shows what the user was shown instead.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The answer it was withheld from.</summary>
    public required string AnswerId { get; init; }

    /// <summary>The question the answer was to (redacted as stored).</summary>
    public required string Question { get; init; }

    /// <summary>The sentence (redacted as stored).</summary>
    public required string Text { get; init; }

    /// <summary>The grounding verdict's name ("Unsupported", "Contradicted", ...).</summary>
    public required string Verdict { get; init; }

    /// <summary>Why it was withheld.</summary>
    public string? Reason { get; init; }

    /// <summary>True when the whole model answer gave way to the extractive answer.</summary>
    public bool FellBack { get; init; }
}
