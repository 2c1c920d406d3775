namespace Chatbot.Storage.Entities;

/// <summary>An answer the bot sent, with its grounding flags and the feedback it got.</summary>
public sealed class AnswerEntry
{
    /// <summary>The answer's id.</summary>
    public string AnswerId { get; set; } = string.Empty;

    /// <summary>The channel it was sent on.</summary>
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The conversation.</summary>
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>When it was sent (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The question, redacted as transcripts are.</summary>
    public string Question { get; set; } = string.Empty;

    /// <summary>False when the sources did not answer the question.</summary>
    public bool Covered { get; set; }

    /// <summary>Which responder wrote it.</summary>
    public string? Backend { get; set; }

    /// <summary>The cited sources' titles, one per line.</summary>
    public string Sources { get; set; } = string.Empty;

    /// <summary>Sentences in the answer.</summary>
    public int Sentences { get; set; }

    /// <summary>Sentences the grounding check flagged.</summary>
    public int Flagged { get; set; }

    /// <summary>The kinds of flag raised, comma-separated.</summary>
    public string FlagKinds { get; set; } = string.Empty;

    /// <summary>The curated question answered, if any.</summary>
    public string? CuratedQuestion { get; set; }

    /// <summary>True when the Repair policy changed the answer before it was shown.</summary>
    public bool Repaired { get; set; }

    /// <summary>True when the extractive answer was shown instead of a model answer too little of which was supported.</summary>
    public bool FellBack { get; set; }

    /// <summary>How many sentences were withheld (the rows of <see cref="WithheldSentences"/>).</summary>
    public int Withheld { get; set; }

    /// <summary>The sentences written but not shown.</summary>
    public List<WithheldSentenceEntry> WithheldSentences { get; set; } = [];

    /// <summary>The user's judgement: true helpful, false not, null none given.</summary>
    public bool? Helpful { get; set; }

    /// <summary>What the user added to the judgement, redacted.</summary>
    public string? FeedbackComment { get; set; }

    /// <summary>When the judgement was given (UTC).</summary>
    public DateTime? FeedbackAt { get; set; }
}
