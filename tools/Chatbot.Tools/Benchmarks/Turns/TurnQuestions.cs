namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// The fixed mix of messages every scenario is driven with: plain questions, a comparison, a claim
/// to check and a why-question, in the words users type. Each conversation asks them in rotation,
/// starting at its own offset, so concurrent turns ask different things.
/// </summary>
public static class TurnQuestions
{
    /// <summary>The questions, in rotation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "What is a GAN?",
        "How does a transformer work?",
        "GPT-3 vs GPT-4",
        "Is it true that DALL-E was made by Google?",
        "What is tokenization?",
        "why do chatbots make things up?",
        "How do diffusion models create images?",
        "What is the difference between generative AI and an LLM?",
    ];
}
