namespace Chatbot.Storage.Reporting;

/// <summary>What a pilot counts, for one day or for a whole report period.</summary>
public record PilotReportCounts
{
    /// <summary>
    /// Conversations with activity: a message from the user, an answer or a request for a person. A conversation
    /// active on several days counts on each of them, and once in a period's totals.
    /// </summary>
    public int Conversations { get; init; }

    /// <summary>Answers the bot sent.</summary>
    public int Answers { get; init; }

    /// <summary>Answers in which the grounding check flagged at least one sentence.</summary>
    public int FlaggedAnswers { get; init; }

    /// <summary><see cref="FlaggedAnswers"/> out of <see cref="Answers"/>, from 0 to 1; 0 when there were no answers.</summary>
    public double FlagRate { get; init; }

    /// <summary>Answers that said the knowledge base does not cover the question.</summary>
    public int NotCovered { get; init; }

    /// <summary>Answers (sent in the period or on the day) that their reader marked helpful: thumbs up.</summary>
    public int HelpfulFeedback { get; init; }

    /// <summary>Answers that their reader marked not helpful: thumbs down.</summary>
    public int UnhelpfulFeedback { get; init; }

    /// <summary>Answers that the Repair policy changed before they were shown: a citation corrected, a sentence withheld, or a fallback.</summary>
    public int RepairedAnswers { get; init; }

    /// <summary>Model answers too little of which was supported, replaced by the extractive answer.</summary>
    public int FellBackAnswers { get; init; }

    /// <summary>Sentences written but kept from the user by the Repair policy.</summary>
    public int WithheldSentences { get; init; }

    /// <summary>Requests to talk to a person.</summary>
    public int Handoffs { get; init; }
}
