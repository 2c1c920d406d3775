using Chatbot.AI.Answers;

namespace Chatbot.Conversation.Journal;

/// <summary>One answer the bot sent, as a pilot's report counts it.</summary>
public sealed record AnswerRecord
{
    /// <summary>The answer's id (the one its feedback buttons carry).</summary>
    public required string AnswerId { get; init; }

    /// <summary>The channel it was sent on ("msteams", "webchat", ...).</summary>
    public required string ChannelId { get; init; }

    /// <summary>The conversation it belongs to.</summary>
    public required string ConversationId { get; init; }

    /// <summary>When it was sent.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The question as the user asked it.</summary>
    public required string Question { get; init; }

    /// <summary>False when the sources did not answer the question and the bot said so: a gap in the knowledge base.</summary>
    public bool Covered { get; init; } = true;

    /// <summary>Which responder wrote it ("extractive", "ollama:llama3.2", ...).</summary>
    public string? Backend { get; init; }

    /// <summary>The titles of the sources the answer cites, in citation order.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>How many sentences the answer has.</summary>
    public int Sentences { get; init; }

    /// <summary>How many of them the grounding check flagged.</summary>
    public int Flagged { get; init; }

    /// <summary>The kinds of flag raised (verdict names), each once.</summary>
    public IReadOnlyList<string> FlagKinds { get; init; } = [];

    /// <summary>The curated question whose answer this was, if any.</summary>
    public string? CuratedQuestion { get; init; }

    /// <summary>True when <c>Grounding:Policy=Repair</c> changed the answer before it was shown (see <see cref="Answer.Repaired"/>).</summary>
    public bool Repaired { get; init; }

    /// <summary>True when too little of the model's answer was supported and the extractive answer was shown instead.</summary>
    public bool FellBack { get; init; }

    /// <summary>The sentences written but not shown, in order, with the check's verdict and reason.</summary>
    public IReadOnlyList<WithheldSentence> Withheld { get; init; } = [];
}
