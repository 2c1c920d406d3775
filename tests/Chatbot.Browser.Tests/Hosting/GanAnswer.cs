using Chatbot.Testing;

namespace Chatbot.Browser.Tests.Hosting;

/// <summary>
/// What the fake model answers to any question: a cited answer about GANs with one sentence the knowledge base
/// supports and one it contradicts (a wrong inventor and year), streamed in small pieces so clients show a stream.
/// </summary>
public static class GanAnswer
{
    /// <summary>The question the browser tests ask.</summary>
    public const string Question = "what is a GAN?";

    /// <summary>Words of the supported sentence.</summary>
    public const string TrueSentenceStart = "A generative adversarial network (GAN) trains two neural networks";

    /// <summary>Words of the invented sentence (the article says Ian Goodfellow and colleagues, 2014).</summary>
    public const string InventedSentenceStart = "GANs were invented by Geoffrey Hinton";

    /// <summary>The title of the article both sentences cite as [1].</summary>
    public const string SourceTitle = "Generative adversarial networks (GANs)";

    /// <summary>The script for the fake Ollama server.</summary>
    public static FakeChatScript Script { get; } = new()
    {
        Chunks =
        [
            "A generative adversarial network (GAN) trains ",
            "two neural networks against each other: ",
            "a generator that produces fake data ",
            "and a discriminator that tries to tell the fakes from real examples [1]. ",
            "GANs were invented by Geoffrey Hinton ",
            "at the University of Toronto ",
            "in 2009 [1].",
        ],
        DelayBeforeFirstChunk = TimeSpan.FromMilliseconds(300),
        // A little over a second between the halves, so a client that shows streams gets at least one update.
        DelayBetweenChunks = TimeSpan.FromMilliseconds(400),
    };
}
