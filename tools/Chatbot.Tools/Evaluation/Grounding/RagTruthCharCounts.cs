namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>Running character counts of an evaluation: marked spans, whole flagged sentences, and spans in rightly flagged sentences.</summary>
/// <param name="Spans">The checker's spans against the labels, over whole answers.</param>
/// <param name="Sentences">The flagged sentences taken whole against the labels, over whole answers (what a flag covered before spans).</param>
/// <param name="InRightFlags">Spans against the labels within sentences that are flagged and overlap a label.</param>
/// <param name="Flagged">Flagged sentences.</param>
/// <param name="FlaggedWithSpans">Flagged sentences with at least one span.</param>
public readonly record struct RagTruthCharCounts(BinaryCounts Spans, BinaryCounts Sentences, BinaryCounts InRightFlags, int Flagged, int FlaggedWithSpans)
{
    /// <summary>Counts one flagged sentence; <paramref name="rightFlag"/> holds its character counts when a label overlaps it.</summary>
    public RagTruthCharCounts AddFlagged(bool hasSpans, BinaryCounts? rightFlag) => this with
    {
        Flagged = Flagged + 1,
        FlaggedWithSpans = FlaggedWithSpans + (hasSpans ? 1 : 0),
        InRightFlags = rightFlag is { } counts ? InRightFlags + counts : InRightFlags,
    };

    /// <summary>Counts one answer's characters.</summary>
    public RagTruthCharCounts AddAnswer(BinaryCounts spans, BinaryCounts sentences) => this with
    {
        Spans = Spans + spans,
        Sentences = Sentences + sentences,
    };
}
