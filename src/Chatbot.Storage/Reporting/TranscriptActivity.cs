namespace Chatbot.Storage.Reporting;

/// <summary>One activity of a transcript, as a reader of the conversation needs it.</summary>
public sealed record TranscriptActivity
{
    /// <summary>Who sent it: "user" or "bot" (null when the channel did not say).</summary>
    public string? Role { get; init; }

    /// <summary>When it was sent (UTC).</summary>
    public required DateTime At { get; init; }

    /// <summary>The activity type: "message", "event", ...</summary>
    public required string Type { get; init; }

    /// <summary>The message's text (redacted as stored), or an event's name; null when it had neither.</summary>
    public string? Text { get; init; }

    /// <summary>For a bot's answer, the id its feedback and the journal know it by; null otherwise.</summary>
    public string? AnswerId { get; init; }
}
