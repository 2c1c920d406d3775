using Chatbot.Grounding;

namespace Chatbot.AI.Answers;

/// <summary>
/// One answer as every channel renders it: the text, its sentences with their grounding
/// verdicts, and the numbered sources they cite. Channels never re-derive any of this.
/// </summary>
/// <param name="Text">The answer as the responder wrote it, with [n] markers.</param>
/// <param name="Sentences">The answer split into sentences, in order; together they hold all of <paramref name="Text"/>.</param>
/// <param name="Citations">The sources offered to the responder, numbered from 1.</param>
/// <param name="Backend">Which responder produced the text ("extractive", "ollama:llama3.2", ...).</param>
public sealed record Answer(
    string Text,
    IReadOnlyList<AnswerSentence> Sentences,
    IReadOnlyList<Citation> Citations,
    string Backend)
{
    /// <summary>A one-line notice shown above the answer, e.g. that the model failed and the extractive answer stands in.</summary>
    public string? Notice { get; init; }

    /// <summary>The curated question whose answer this is, when the question matched a FAQ entry confidently.</summary>
    public string? CuratedQuestion { get; init; }

    /// <summary>Curated questions close to what was asked but not sure enough to answer: offered for the user to choose.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    /// <summary>False when the responder found nothing in its sources that answers the question, and said so.</summary>
    public bool Covered { get; init; } = true;

    /// <summary>
    /// Under <c>Grounding:Policy=Repair</c>, the sentences written but not shown, in the order written: those the check
    /// did not find supported, or the whole model answer when it fell back (<see cref="FellBack"/>). Empty under Flag.
    /// </summary>
    public IReadOnlyList<WithheldSentence> Withheld { get; init; } = [];

    /// <summary>Under Repair, how many sentences had their citation pointed at the source that supports them.</summary>
    public int CorrectedCitations { get; init; }

    /// <summary>Under Repair, true when too little of the model's answer was supported and the extractive answer stands in.</summary>
    public bool FellBack { get; init; }

    /// <summary>True when the Repair policy changed what the responder wrote: a citation corrected, a sentence withheld, or a fallback.</summary>
    public bool Repaired => FellBack || CorrectedCitations > 0 || Withheld.Count > 0;

    /// <summary>True when at least one sentence is not <see cref="GroundingVerdict.Supported"/>.</summary>
    public bool Flagged => Sentences.Any(s => s.Verdict != GroundingVerdict.Supported);

    /// <summary>How many sentences could not be verified against their sources.</summary>
    public int FlaggedCount => Sentences.Count(s => s.Verdict != GroundingVerdict.Supported);
}

/// <summary>One sentence (claim) of an answer and what the grounding check found for it.</summary>
/// <param name="Text">The sentence with its [n] markers removed.</param>
/// <param name="Citations">The source numbers the sentence cites, as written by the responder (may name sources that do not exist).</param>
/// <param name="Verdict">The grounding verdict.</param>
/// <param name="Score">Confidence that the sentence is supported, 0 to 1.</param>
public sealed record AnswerSentence(
    string Text,
    IReadOnlyList<int> Citations,
    GroundingVerdict Verdict,
    double Score)
{
    /// <summary>Offset of the sentence in <see cref="Answer.Text"/>, its citation markers included.</summary>
    public int Start { get; init; }

    /// <summary>Length of the sentence in <see cref="Answer.Text"/>, its citation markers included; 0 when unknown.</summary>
    public int Length { get; init; }

    /// <summary>The source number whose passage best supports the sentence, if any.</summary>
    public int? EvidenceSource { get; init; }

    /// <summary>The passage text that best supports (or contradicts) the sentence, if any.</summary>
    public string? Evidence { get; init; }

    /// <summary>A short human-readable reason for a verdict other than Supported.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The words of a flagged sentence its sources do not back, with offsets in <see cref="Text"/> (the sentence without
    /// markers), not in <see cref="Answer.Text"/>: they stay valid when markers are renumbered or other sentences are
    /// removed. Empty when the sentence is supported or is flagged as a whole.
    /// </summary>
    public IReadOnlyList<FlagSpan> Spans { get; init; } = [];
}

/// <summary>A numbered source of an answer.</summary>
/// <param name="Number">The number used in [n] markers, from 1.</param>
/// <param name="Title">Document title (and section, where there is one).</param>
/// <param name="Url">A link or file path to the document; may be empty for pasted text.</param>
/// <param name="Quote">The passage the responder was given.</param>
public sealed record Citation(int Number, string Title, string Url, string Quote)
{
    /// <summary>The id of the knowledge-base chunk behind the citation (its first passage), when it came from the index.</summary>
    public string? ChunkId { get; init; }

    /// <summary>The ids of the document's passages the answer's sentences cite, in the order they were retrieved; empty when none is cited.</summary>
    public IReadOnlyList<string> CitedPassages { get; init; } = [];
}
