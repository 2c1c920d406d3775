namespace Chatbot.Conversation.Intents;

/// <summary>What a user's message asks the bot to do.</summary>
public enum Intent
{
    /// <summary>A greeting and nothing else ("hi", "good morning").</summary>
    Greeting,

    /// <summary>A question about the bot itself ("what can you do?", "help").</summary>
    Help,

    /// <summary>A question about generative AI, LLMs, ML or their products and limits, including follow-ups ("why?").</summary>
    Ask,

    /// <summary>A comparison of two things ("X vs Y", "difference between X and Y").</summary>
    Compare,

    /// <summary>A statement to verify ("is it true that…", "fact check: …").</summary>
    CheckClaim,

    /// <summary>A request to change how technical the answers are ("explain like I'm five", "I'm an expert").</summary>
    SetLevel,

    /// <summary>A request for the sources of the last answer ("sources?", "cite").</summary>
    ShowSources,

    /// <summary>A judgement of the last answer ("that was helpful", "wrong answer", 👍).</summary>
    Feedback,

    /// <summary>A request for a human ("talk to a human", "escalate").</summary>
    Handoff,

    /// <summary>A request to start the conversation over ("reset", "forget everything").</summary>
    Reset,

    /// <summary>Thanks ("thank you", "cheers").</summary>
    Thanks,

    /// <summary>A goodbye ("see ya", "that's all for today, goodnight").</summary>
    Farewell,

    /// <summary>Anything the bot does not cover (weather, sports, recipes, unrelated coding help).</summary>
    OutOfScope,
}
