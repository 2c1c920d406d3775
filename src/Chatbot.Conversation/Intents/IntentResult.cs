using Chatbot.Knowledge.Retrieval;

namespace Chatbot.Conversation.Intents;

/// <summary>The recognised intent of a message, the runner-up and the entities extracted cheaply.</summary>
/// <param name="Intent">The likeliest intent.</param>
/// <param name="Confidence">Calibrated confidence in <paramref name="Intent"/>, from 0 to 1.</param>
public sealed record IntentResult(Intent Intent, double Confidence)
{
    /// <summary>The second likeliest intent (never equal to <see cref="Intent"/>).</summary>
    public Intent RunnerUp { get; init; }

    /// <summary>Confidence in <see cref="RunnerUp"/>, from 0 to 1.</summary>
    public double RunnerUpConfidence { get; init; }

    /// <summary>
    /// Whether <see cref="Confidence"/> reached the configured threshold. When it did not, ask the user
    /// which of <see cref="Intent"/> and <see cref="RunnerUp"/> they meant.
    /// </summary>
    public bool IsConfident { get; init; }

    /// <summary>
    /// What else the message does besides <see cref="Intent"/>, which the bot acknowledges before acting on it:
    /// <see cref="Intents.Intent.Thanks"/> in "thanks! and how is X different from Y?", <see cref="Intents.Intent.Feedback"/>
    /// in "good answer, but what about images?". Empty for a message that does one thing.
    /// </summary>
    public IReadOnlyList<Intent> Also { get; init; } = [];

    /// <summary>Which stage decided the result.</summary>
    public IntentSource Source { get; init; }

    /// <summary>
    /// For <see cref="Intents.Intent.Compare"/>: the first thing compared ("generative AI"), or <see langword="null"/>
    /// when absent or a reference to the previous answer ("how is that different from a GAN?"), which the caller resolves.
    /// </summary>
    public string? Left { get; init; }

    /// <summary>For <see cref="Intents.Intent.Compare"/>: the second thing compared ("LLMs"), when present.</summary>
    public string? Right { get; init; }

    /// <summary>For <see cref="Intents.Intent.SetLevel"/>: the level asked for, when it could be told.</summary>
    public AnswerLevel? Level { get; init; }

    /// <summary>For <see cref="Intents.Intent.Feedback"/>: whether it praises or criticises, when it could be told.</summary>
    public FeedbackSentiment? Feedback { get; init; }

    /// <summary>
    /// The passages the recognizer retrieved for the message, when it searched the knowledge base to decide; the
    /// responder answers from them instead of searching again. Null when the recognizer did not search.
    /// </summary>
    public IReadOnlyList<RetrievedPassage>? Passages { get; init; }
}
