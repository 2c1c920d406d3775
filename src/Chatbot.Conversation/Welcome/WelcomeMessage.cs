using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Welcome;

/// <summary>
/// The first thing a new member sees: two lines on what the bot does, and three questions to
/// start with as suggested actions (rendered as buttons by Teams, Web Chat and the Emulator).
/// </summary>
public static class WelcomeMessage
{
    /// <summary>The questions offered when a conversation starts.</summary>
    public static IReadOnlyList<string> StarterQuestions { get; } =
    [
        "What is generative AI?",
        "How do LLMs differ from generative AI?",
        "Why do language models hallucinate?",
    ];

    /// <summary>Builds the welcome activity.</summary>
    /// <param name="botName">The name the bot introduces itself with.</param>
    public static IMessageActivity Create(string botName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(botName);
        var text =
            $"Hi, I'm {botName}. I explain generative AI: how it works, the main products, and its limits.\n\n" +
            "Every answer cites its sources, and I flag any sentence my sources don't support.";
        var activity = MessageFactory.SuggestedActions(StarterQuestions, text, ssml: null, inputHint: null);
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }
}
