namespace Chatbot.Conversation.Intents;

/// <summary>How technical the bot's answers are.</summary>
public enum AnswerLevel
{
    /// <summary>Plain words, analogies, no formulas ("explain like I'm five").</summary>
    Beginner,

    /// <summary>The default: accurate, with technical terms explained.</summary>
    Standard,

    /// <summary>Technical detail and terminology without simplification ("I'm an expert").</summary>
    Expert,
}
