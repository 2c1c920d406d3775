namespace Chatbot.Conversation.Intents;

/// <summary>Whether a <see cref="Intent.Feedback"/> message praises or criticises the last answer.</summary>
public enum FeedbackSentiment
{
    /// <summary>"That was helpful", 👍.</summary>
    Positive,

    /// <summary>"Wrong answer", "not helpful", 👎.</summary>
    Negative,
}
