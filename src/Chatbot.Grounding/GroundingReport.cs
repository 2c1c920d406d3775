namespace Chatbot.Grounding;

/// <summary>The grounding check of one answer: a result per sentence, in order, and their tally.</summary>
/// <param name="Sentences">Every sentence of the answer, in order.</param>
/// <param name="Elapsed">How long the check took.</param>
public sealed record GroundingReport(IReadOnlyList<SentenceGrounding> Sentences, TimeSpan Elapsed)
{
    /// <summary>True when at least one sentence is not supported.</summary>
    public bool Flagged => Sentences.Any(s => s.Flagged);

    /// <summary>How many sentences are flagged.</summary>
    public int FlaggedCount => Sentences.Count(s => s.Flagged);

    /// <summary>How many sentences have each verdict.</summary>
    public IReadOnlyDictionary<GroundingVerdict, int> Counts =>
        Enum.GetValues<GroundingVerdict>().ToDictionary(v => v, v => Sentences.Count(s => s.Verdict == v));

    /// <summary>The lowest support score of any claim (1 when there is none): the answer's overall support.</summary>
    public double MinScore => Sentences.Where(s => s.IsClaim).Select(s => s.Score).DefaultIfEmpty(1).Min();
}
