namespace Chatbot.Storage.Entities;

/// <summary>A request to talk to a person.</summary>
public sealed class HandoffEntry
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The channel.</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The conversation, whose transcript is at <c>/admin/transcripts/{ConversationId}</c>.</summary>
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>When it was asked (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The question asked before it, redacted.</summary>
    public string? LastQuestion { get; set; }

    /// <summary>Whether the channel accepted the handoff event.</summary>
    public bool Delivered { get; set; }
}
