namespace Chatbot.Grounding;

/// <summary>
/// What the grounding check found for one sentence of an answer. Maps one to one onto the app's
/// <c>AnswerSentence</c>: text, citations, verdict, score, evidence source, evidence and reason.
/// </summary>
/// <param name="Text">The sentence with its [n] markers removed.</param>
/// <param name="Citations">The source numbers the sentence cites, as written (may name sources that do not exist).</param>
/// <param name="Verdict">The grounding verdict.</param>
/// <param name="Score">
/// Support score, 0 to 1: the model's support probability re-centred on its decision threshold, so a
/// supported sentence scores above 0.5 and a flagged one 0.5 or below (1 for sentences that make no claim). The model's
/// answer-level gate can overrule the sentence: in an answer it clears, a sentence may score 0.5 or below and still be
/// Supported; in an answer it flags, the least supported sentence is flagged even if it scores above 0.5.
/// </param>
public sealed record SentenceGrounding(string Text, IReadOnlyList<int> Citations, GroundingVerdict Verdict, double Score)
{
    /// <summary>Offset of the sentence in the answer text, markers included.</summary>
    public int Start { get; init; }

    /// <summary>Length of the sentence in the answer text, markers included.</summary>
    public int Length { get; init; }

    /// <summary>False for questions, greetings, "I don't know" and lead-ins, which are never flagged.</summary>
    public bool IsClaim { get; init; } = true;

    /// <summary>The source number whose passage best supports (or contradicts) the sentence, if any.</summary>
    public int? EvidenceSource { get; init; }

    /// <summary>The evidence sentence that best supports (or contradicts) the sentence, if any.</summary>
    public string? Evidence { get; init; }

    /// <summary>A short human-readable reason for a verdict other than <see cref="GroundingVerdict.Supported"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The words of a flagged sentence its sources do not back (the wrong number or name, an invented term), with
    /// offsets in <see cref="Text"/>; empty for a supported sentence and when nothing narrower than the sentence can be
    /// named, in which case the whole sentence is what is flagged.
    /// </summary>
    public IReadOnlyList<FlagSpan> Spans { get; init; } = [];

    /// <summary>True when the verdict is anything but <see cref="GroundingVerdict.Supported"/>.</summary>
    public bool Flagged => Verdict != GroundingVerdict.Supported;
}
