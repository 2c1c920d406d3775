using Chatbot.Conversation.Answering;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Indexing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Welcome;

/// <summary>
/// What the bot says about itself: the welcome, the reply to "help", to thanks and to a message outside what it covers.
/// The built-in guide describes generative AI; a pilot (<see cref="KnowledgeOptions.DocumentFolders"/> set) describes its
/// own documents, in the words of <see cref="BotOptions.Description"/> or, without them, by the titles of the pilot's
/// documents in the index, and offers a person where the guide would list questions about generative AI.
/// </summary>
public sealed class BotIntroduction
{
    /// <summary>Titles named at most when the pilot's documents describe it: a welcome is no table of contents.</summary>
    private const int MaxTitles = 8;

    private readonly BotOptions _bot;
    private readonly KnowledgeIndex? _index;

    /// <summary>Creates the introduction.</summary>
    /// <param name="bot">The bot's name, and a pilot's description and starter questions.</param>
    /// <param name="knowledge">Whether this is a pilot (its own document folders).</param>
    /// <param name="index">The index whose pilot documents' titles describe a pilot without a description; null for none.</param>
    public BotIntroduction(IOptions<BotOptions> bot, IOptions<KnowledgeOptions> knowledge, KnowledgeIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(knowledge);
        _bot = bot.Value;
        _index = index;
        IsPilot = knowledge.Value.DocumentFolders.Length > 0;
    }

    /// <summary>Whether the bot answers from a pilot's own documents.</summary>
    public bool IsPilot { get; }

    /// <summary>The first thing a new member sees.</summary>
    public IMessageActivity Welcome()
    {
        if (!IsPilot)
        {
            return WelcomeMessage.Create(_bot.DisplayName);
        }

        var text = $"Hi, I'm {_bot.DisplayName}. {Scope()}\n\n" +
            "Every answer cites the page it comes from, and I flag any sentence the pages don't support. " +
            "When they don't cover your question, I'll offer to put you through to a person.";
        return Markdown(text, _bot.StarterQuestions);
    }

    /// <summary>The reply to "help" or "what can you do?", or to a greeting when <paramref name="greeting"/>.</summary>
    public IMessageActivity Help(bool greeting)
    {
        var hello = greeting ? "Hello! " : string.Empty;
        if (!IsPilot)
        {
            var text = hello +
                "I explain generative AI from a curated set of sources: what it is and how it works (neural networks, transformers, diffusion, GANs, tokenization), " +
                "products such as ChatGPT, GPT-4, Gemini, DALL-E and Stable Diffusion, how LLMs and generative AI differ, and their limits (bias, hallucinations, energy, privacy).\n\n" +
                "Ask a question, compare two things (\"GANs vs diffusion models\"), check a claim (\"is it true that…\"), or say \"explain like I'm a beginner\". " +
                "Every answer cites its sources and marks with ⚠ anything they don't support.";
            return Markdown(text, [WelcomeMessage.StarterQuestions[1], "GANs vs diffusion models", "Is it true that GPT-4 was released in 2021?"]);
        }

        return Markdown(
            hello + $"{Scope()}\n\nAsk your question in your own words. Every answer cites the page it comes from and marks with ⚠ anything the pages don't support; " +
            "if they don't cover it, you can talk to a person.",
            _bot.StarterQuestions);
    }

    /// <summary>
    /// The reply to a message that is neither a question for the knowledge nor a request the bot handles (small talk,
    /// the weather, abuse): short, says what the bot covers, and in a pilot offers a person.
    /// </summary>
    public IMessageActivity OutOfScope()
    {
        if (!IsPilot)
        {
            return MessageFactory.SuggestedActions(
                WelcomeMessage.StarterQuestions,
                "That's outside what I cover, so I won't guess. I answer questions about generative AI: how it works, the main products, and their limits. For example:",
                ssml: null,
                inputHint: null);
        }

        return MessageFactory.SuggestedActions(
            [QuestionAnswerer.HandoffOffer],
            $"Sorry, I can't help with that. {Scope()} If you'd rather talk to a person, just say so.",
            ssml: null,
            inputHint: null);
    }

    /// <summary>The reply to thanks.</summary>
    public string Thanks() => IsPilot
        ? "You're welcome! Ask me anything else whenever you like."
        : "You're welcome! Ask me anything else about generative AI whenever you like.";

    /// <summary>The reply to a message without text (a picture, a card).</summary>
    public string TextOnly() => IsPilot
        ? "Send me your question as text and I'll answer it from the pages I was given."
        : "Send me a question about generative AI as text and I'll answer it with sources.";

    /// <summary>One sentence on what a pilot covers: its configured description, else its documents' titles.</summary>
    internal string Scope()
    {
        if (!string.IsNullOrWhiteSpace(_bot.Description))
        {
            return $"I answer questions about {_bot.Description.Trim().TrimEnd('.')}.";
        }

        var titles = _index?.Manifest.Files.Values
            .Where(entry => entry.Collection == KnowledgeCollections.Pilot)
            .Select(entry => entry.Title.Trim())
            .Where(title => title.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList() ?? [];
        if (titles.Count == 0)
        {
            return "I answer questions from the pages I was given.";
        }

        var named = titles.Take(MaxTitles).ToList();
        var more = titles.Count > named.Count ? $" and {titles.Count - named.Count} more" : string.Empty;
        var list = named.Count == 1 || more.Length > 0
            ? string.Join(", ", named) + more
            : string.Join(", ", named[..^1]) + " and " + named[^1];
        return $"I answer questions from these pages: {list}.";
    }

    private static IMessageActivity Markdown(string text, IReadOnlyList<string> actions)
    {
        var activity = actions.Count > 0 ? MessageFactory.SuggestedActions(actions, text, ssml: null, inputHint: null) : MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }
}
