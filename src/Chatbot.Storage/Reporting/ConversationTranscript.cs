namespace Chatbot.Storage.Reporting;

/// <summary>A conversation's transcript, its activities in the order they were logged.</summary>
public sealed record ConversationTranscript
{
    /// <summary>The conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The channel it was held on.</summary>
    public required string ChannelId { get; init; }

    /// <summary>The activities, oldest first.</summary>
    public required IReadOnlyList<TranscriptActivity> Activities { get; init; }
}
