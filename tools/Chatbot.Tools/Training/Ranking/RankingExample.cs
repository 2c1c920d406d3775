using Chatbot.AI.Extractive;

namespace Chatbot.Tools.Training.Ranking;

/// <summary>One question for training: the sentences the composer ranked for it and the facts a good answer holds.</summary>
/// <param name="Question">The question.</param>
/// <param name="Sentences">What <see cref="ExtractiveComposer.RankAsync"/> returned for it.</param>
/// <param name="KeyFacts">Each fact as alternatives, any one of which counts (case-insensitive).</param>
public sealed record RankingExample(string Question, IReadOnlyList<RankedSentence> Sentences, IReadOnlyList<IReadOnlyList<string>> KeyFacts)
{
    /// <summary>The key facts (as alternatives joined by '/') that no quotable sentence holds: out of reach, however the sentences are ranked.</summary>
    public IReadOnlyList<string> UnreachableFacts
    {
        get
        {
            var found = Sentences.Where(s => s.Relevant).SelectMany(s => FactsIn(s.Text)).ToHashSet();
            return KeyFacts.Where((_, i) => !found.Contains(i)).Select(f => string.Join("/", f)).ToList();
        }
    }

    /// <summary>Whether the quotable sentences hold every key fact, so that some ranking could answer the question.</summary>
    public bool Reachable => UnreachableFacts.Count == 0;

    /// <summary>The indexes of the key facts that <paramref name="text"/> holds.</summary>
    public IReadOnlyList<int> FactsIn(string text) =>
        Enumerable.Range(0, KeyFacts.Count)
            .Where(i => KeyFacts[i].Any(alternative => text.Contains(alternative, StringComparison.OrdinalIgnoreCase)))
            .ToList();
}
