using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Chatbot.AI.Extractive.Candidates;

/// <summary>
/// Scores candidate sentences against a query (the question, a part of it, a claim or a compared subject):
/// how close their embeddings are, how many of the query's content words they hold, and how relevant
/// that makes them. Each candidate is embedded once, the first time it is scored.
/// </summary>
internal sealed class CandidateScorer(IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    /// <summary>Below this <see cref="AnswerCandidate.Relevance"/> a sentence is not relevant enough to quote.</summary>
    public const double MinRelevance = 0.30;

    /// <summary>Sets <see cref="AnswerCandidate.Dense"/>, <see cref="AnswerCandidate.Overlap"/> and <see cref="AnswerCandidate.Relevance"/> of every candidate for <paramref name="query"/>.</summary>
    public async Task ScoreAsync(List<AnswerCandidate> candidates, string query, CancellationToken cancellationToken)
    {
        var missing = candidates.Where(c => c.Vector is null).ToList();
        var inputs = missing.Select(c => c.RankingText).Prepend(query).ToArray();
        var vectors = await embedder.GenerateAsync(inputs, cancellationToken: cancellationToken);
        var queryVector = vectors[0].Vector;
        for (var i = 0; i < missing.Count; i++)
        {
            missing[i].Vector = vectors[i + 1].Vector.ToArray();
        }

        var queryWords = ContentWords.Of(query);
        foreach (var candidate in candidates)
        {
            var dense = TensorPrimitives.CosineSimilarity(queryVector.Span, candidate.Vector);
            var overlap = queryWords.Count == 0 ? 0 : queryWords.Count(candidate.Words.Contains) / (double)queryWords.Count;

            // Earlier passages ranked higher in retrieval; earlier sentences of a passage tend to define.
            var prior = 0.04 / candidate.Source + 0.02 / (1 + candidate.Index);
            candidate.Dense = dense;
            candidate.Overlap = overlap;
            candidate.Relevance = (0.75 * dense) + (0.25 * overlap) + prior;
        }
    }
}
