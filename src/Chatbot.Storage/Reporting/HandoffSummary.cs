namespace Chatbot.Storage.Reporting;

/// <summary>A request to talk to a person, with the conversation whose transcript tells why.</summary>
public sealed record HandoffSummary
{
    /// <summary>When it was asked (UTC).</summary>
    public required DateTime At { get; init; }

    /// <summary>The channel it came from.</summary>
    public required string ChannelId { get; init; }

    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The question asked before it, if any (redacted as stored).</summary>
    public string? LastQuestion { get; init; }

    /// <summary>Whether the channel accepted the handoff; false when the user was told to contact support directly.</summary>
    public bool Delivered { get; init; }
}
