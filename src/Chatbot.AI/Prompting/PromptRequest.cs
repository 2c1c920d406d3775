using Chatbot.AI.Understanding;

namespace Chatbot.AI.Prompting;

/// <summary>Everything <see cref="PromptBuilder"/> needs for one prompt.</summary>
/// <param name="Question">The user's question, or the claim to check for <see cref="PromptKind.CheckClaim"/>.</param>
/// <param name="Sources">The numbered sources the answer must come from.</param>
public sealed record PromptRequest(string Question, IReadOnlyList<PromptSource> Sources)
{
    /// <summary>What the model is asked to do. Default <see cref="PromptKind.Ask"/>.</summary>
    public PromptKind Kind { get; init; } = PromptKind.Ask;

    /// <summary>The reader's level. Default <see cref="AnswerStyle.Standard"/>.</summary>
    public AnswerStyle Style { get; init; } = AnswerStyle.Standard;

    /// <summary>Earlier turns, oldest first; the most recent ones that fit the token budget are kept.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    /// <summary>For <see cref="PromptKind.Compare"/>: the subjects to compare, when intent recognition found them.</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    /// <summary>The turn's analysis of the user's message (vectors, parts, claim); null when the caller has none, and then the composer embeds what it needs.</summary>
    public MessageAnalysis? Analysis { get; init; }
}
