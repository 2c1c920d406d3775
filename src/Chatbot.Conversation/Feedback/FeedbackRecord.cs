namespace Chatbot.Conversation.Feedback;

/// <summary>A user's judgement of one answer.</summary>
public sealed class FeedbackRecord
{
    /// <summary>The answer's id.</summary>
    public string AnswerId { get; set; } = string.Empty;

    /// <summary>The channel it was given on.</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The conversation it was given in.</summary>
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>The question that was answered, when the conversation still remembers the answer; null when it does not.</summary>
    public string? Question { get; set; }

    /// <summary>The answer's text.</summary>
    public string? Answer { get; set; }

    /// <summary>Which backend wrote it.</summary>
    public string? Backend { get; set; }

    /// <summary>True for helpful, false for not helpful.</summary>
    public bool Helpful { get; set; }

    /// <summary>What the user added, if anything.</summary>
    public string? Comment { get; set; }

    /// <summary>When it was given.</summary>
    public DateTimeOffset At { get; set; }
}
