using Chatbot.Conversation.Intents;

namespace Chatbot.Conversation.State;

/// <summary>What the bot remembers of a user across conversations (user state).</summary>
public sealed class UserProfile
{
    /// <summary>How answers are written for this user.</summary>
    public AnswerLevel Level { get; set; } = AnswerLevel.Standard;
}
