namespace Chatbot.AI.Understanding;

/// <summary>
/// What the bot understood of one message, computed once where the message enters and passed down the turn:
/// the intent recognizer, the retriever, the responder, the composer and the grounding check read it, and
/// none of them embeds or parses the user's text again. All vectors come from one embedding call.
/// </summary>
public sealed record MessageAnalysis
{
    /// <summary>The message as the user wrote it, trimmed.</summary>
    public required string Text { get; init; }

    /// <summary>Lower case, straight quotes, single spaces, common misspellings corrected: what rules and examples match.</summary>
    public required string Normalized { get; init; }

    /// <summary>The unit-length embedding of <see cref="Text"/>: the turn's one embedding of what the user said.</summary>
    public required ReadOnlyMemory<float> Vector { get; init; }

    /// <summary>
    /// For a question that asks several things ("When did X launch, and who made it?"), each part with the first
    /// part's subject added to the later ones, and its vector; empty when the message asks one thing.
    /// </summary>
    public IReadOnlyList<AnalyzedText> Parts { get; init; } = [];

    /// <summary>What "what is X?" / "define X" asks to define, or null.</summary>
    public string? DefinedSubject { get; init; }

    /// <summary>The statement of a claim to check ("GPT-4 came out in 2021"), with its vector, when the message is worded as one.</summary>
    public AnalyzedText? Claim { get; init; }

    /// <summary>The first thing compared, or null when missing or a pronoun ("how is that different from Y?").</summary>
    public string? ComparedLeft { get; init; }

    /// <summary>The second thing compared, or null when the message compares nothing.</summary>
    public string? ComparedRight { get; init; }

    /// <summary>True when the message is worded as a comparison ("X vs Y", "how is that different from Y?").</summary>
    public bool Compares => ComparedLeft is not null || ComparedRight is not null;

    /// <summary>
    /// For a short follow-up ("tell me more", "why?") to an earlier question: the earlier question joined to this
    /// message and its vector, what the answer is searched and ranked by. Null otherwise.
    /// </summary>
    public AnalyzedText? FollowUp { get; init; }

    /// <summary>False when the model could not embed the message: only rules can read it.</summary>
    public bool HasVectors => !Vector.IsEmpty;

    /// <summary>The question the answer is about: the follow-up's joined text when there is one, else the message.</summary>
    public AnalyzedText Query => FollowUp ?? new AnalyzedText(Text, Vector);
}
