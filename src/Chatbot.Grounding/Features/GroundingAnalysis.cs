namespace Chatbot.Grounding.Features;

/// <summary>The state of one check: the passages' sentences and the answer's claims with their features so far.</summary>
internal sealed class GroundingAnalysis(IReadOnlyList<EvidenceSentence> evidence, EvidenceSet all)
{
    public IReadOnlyList<EvidenceSentence> Evidence { get; } = evidence;

    public EvidenceSet All { get; } = all;

    public List<ClaimAnalysis> Claims { get; } = [];

    /// <summary>For claims that cite existing sources: the sentences of those sources only.</summary>
    public Dictionary<ClaimAnalysis, EvidenceSet> CitedSets { get; } = [];
}
