namespace Chatbot.Storage.Entities;

/// <summary>One activity of a conversation's transcript, redacted as configured before it was stored.</summary>
public sealed class TranscriptEntry
{
    /// <summary>Row id: the order activities were logged in.</summary>
    public long Id { get; set; }

    /// <summary>The channel ("msteams", "webchat", ...).</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The conversation.</summary>
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>The activity's id, when it has one.</summary>
    public string? ActivityId { get; set; }

    /// <summary>The activity's timestamp (UTC).</summary>
    public DateTime Timestamp { get; set; }

    /// <summary>The activity type ("message", "event", ...).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Who sent it: "user" or "bot".</summary>
    public string? FromRole { get; set; }

    /// <summary>The activity as JSON.</summary>
    public string Json { get; set; } = string.Empty;
}
