namespace Chatbot.Conversation.Journal;

/// <summary>A user's request to talk to a person.</summary>
public sealed record HandoffRecord
{
    /// <summary>The channel it came from.</summary>
    public required string ChannelId { get; init; }

    /// <summary>The conversation, whose transcript a person reads before taking over.</summary>
    public required string ConversationId { get; init; }

    /// <summary>When it was asked.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The last question the user asked before it, if any.</summary>
    public string? LastQuestion { get; init; }

    /// <summary>True when the channel accepted the handoff event; false when the user was told to contact support directly.</summary>
    public bool Delivered { get; init; }
}
