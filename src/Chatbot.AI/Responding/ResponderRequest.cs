using Chatbot.AI.Prompting;
using Chatbot.AI.Understanding;
using Chatbot.Knowledge.Retrieval;

namespace Chatbot.AI.Responding;

/// <summary>What the user asked, and how the answer should be shaped.</summary>
/// <param name="Question">The user's message.</param>
public sealed record ResponderRequest(string Question)
{
    /// <summary>Answer, comparison or claim check.</summary>
    public PromptKind Kind { get; init; } = PromptKind.Ask;

    /// <summary>The user's level.</summary>
    public AnswerStyle Style { get; init; } = AnswerStyle.Standard;

    /// <summary>The last turns of the conversation, oldest first.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    /// <summary>For a comparison, the two things compared.</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    /// <summary>What to search the knowledge base for, when it differs from the question (e.g. a follow-up joined to the question before it).</summary>
    public string? SearchQuery { get; init; }

    /// <summary><c>builtin</c>, <c>pilot</c>, or null for every collection.</summary>
    public string? Collection { get; init; }

    /// <summary>The turn's analysis of the message; when null the responder analyses <see cref="Question"/> itself (one embedding).</summary>
    public MessageAnalysis? Analysis { get; init; }

    /// <summary>
    /// Passages already retrieved for the message itself (by the knowledge-aware intent check), so the responder does
    /// not search again; used only when the search is for the message as written (no <see cref="SearchQuery"/>, no follow-up).
    /// </summary>
    public IReadOnlyList<RetrievedPassage>? Passages { get; init; }
}
