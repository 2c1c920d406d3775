using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Chatbot.AI.Extractive.Candidates;

/// <summary>
/// Scores candidate sentences against a query (the question, a part of it, a claim or a compared subject):
/// how close their embeddings are, how many of the query's content words they hold, and how relevant
/// that makes them. Candidates from the index come with their vectors and queries with the turn's; only text
/// from elsewhere is embedded, once, the first time it is scored.
/// </summary>
internal sealed class CandidateScorer(IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    /// <summary>Below this <see cref="AnswerCandidate.Relevance"/> a sentence is not relevant enough to quote.</summary>
    public const double MinRelevance = 0.30;

    /// <summary>
    /// Sets <see cref="AnswerCandidate.Dense"/>, <see cref="AnswerCandidate.Overlap"/> and <see cref="AnswerCandidate.Relevance"/>
    /// of every candidate for <paramref name="query"/>, whose vector the turn's analysis already holds.
    /// Nothing is embedded when the candidates carry the index's vectors; a candidate without one (a source from
    /// elsewhere) and an empty <paramref name="queryVector"/> are embedded here, in one call.
    /// </summary>
    public async Task ScoreAsync(List<AnswerCandidate> candidates, string query, ReadOnlyMemory<float> queryVector, CancellationToken cancellationToken)
    {
        var missing = candidates.Where(c => c.Vector is null).ToList();
        if (missing.Count > 0 || queryVector.IsEmpty)
        {
            var inputs = missing.Select(c => c.RankingText).Prepend(query).ToArray();
            var vectors = await embedder.GenerateAsync(queryVector.IsEmpty ? inputs : inputs[1..], cancellationToken: cancellationToken);
            var offset = queryVector.IsEmpty ? 1 : 0;
            if (queryVector.IsEmpty)
            {
                queryVector = vectors[0].Vector;
            }

            for (var i = 0; i < missing.Count; i++)
            {
                missing[i].Vector = vectors[i + offset].Vector.ToArray();
            }
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
