using System.Numerics.Tensors;
using Chatbot.AI.Extractive;
using Chatbot.Knowledge.Retrieval;

namespace Chatbot.AI.Responding;

/// <summary>One FAQ entry weighed against a message: what was measured and how likely it is the entry asked.</summary>
/// <param name="Entry">The entry's passage (its questions, answer, sentences and vector).</param>
/// <param name="Features">What <see cref="CuratedMatcher.Measure"/> found, in <see cref="CuratedMatchModel.FeatureNames"/> order.</param>
/// <param name="Probability">The model's probability that this is the entry the message asks.</param>
public sealed record CuratedCandidate(RetrievedPassage Entry, double[] Features, double Probability);

/// <summary>
/// Decides whether a message asks one of the FAQ entries: the entries nearest the message compete with each other and
/// with the prose found for it, and <see cref="CuratedMatchModel"/> turns what is measured into a probability. The
/// likeliest entry answers at or above the model's threshold; below it, entries above the offer threshold are offered.
/// </summary>
public sealed class CuratedMatcher
{
    private readonly CuratedMatchModel _model;
    private readonly double _threshold;
    private readonly double _offerThreshold;

    /// <summary>Creates the matcher; <paramref name="options"/> may move the model's thresholds.</summary>
    public CuratedMatcher(CuratedMatchModel model, CuratedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _threshold = options?.Confident ?? model.Threshold;
        _offerThreshold = Math.Min(_threshold, options?.Close ?? model.OfferThreshold);
    }

    /// <summary>
    /// Measures each of <paramref name="entries"/> (the curated answers nearest the message, best first, as
    /// <see cref="HybridRetriever.SearchCurated"/> returns them) against the message's vector and words, given the
    /// <paramref name="passages"/> retrieved for it (prose and entries alike).
    /// </summary>
    /// <remarks>
    /// An entry's closeness to the message is the <see cref="RetrievedPassage.DenseScore"/> the retriever ranked it by
    /// (the cosine between the message and the entry's questions vector), not computed again; an entry without one is
    /// not weighed.
    /// </remarks>
    public IReadOnlyList<CuratedCandidate> Weigh(IReadOnlyList<RetrievedPassage> entries, IReadOnlyList<RetrievedPassage> passages, ReadOnlySpan<float> message, string text)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(text);
        var usable = entries.Where(e => e.Questions.Count > 0 && e.DenseScore is not null).ToList();
        if (usable.Count == 0)
        {
            return [];
        }

        var similarities = usable.Select(e => (double)e.DenseScore!.Value).ToArray();

        var prose = 0.0;
        foreach (var passage in passages)
        {
            if (passage.Questions.Count == 0 && passage.Vector.Length == message.Length)
            {
                prose = Math.Max(prose, TensorPrimitives.CosineSimilarity(message, passage.Vector.Span));
            }
        }

        var words = ContentWords.Of(text);
        var candidates = new List<CuratedCandidate>(usable.Count);
        for (var i = 0; i < usable.Count; i++)
        {
            // The entry must lead every other source the message found, prose included: with a FAQ of two entries, leading
            // the other entry says little.
            var other = prose;
            for (var j = 0; j < usable.Count; j++)
            {
                other = j == i ? other : Math.Max(other, similarities[j]);
            }

            var keywordRank = passages.FirstOrDefault(p => p.ChunkId == usable[i].ChunkId)?.Bm25Rank;
            var features = Measure(usable[i], similarities[i], other, prose, words, keywordRank, message);
            candidates.Add(new CuratedCandidate(usable[i], features, _model.Probability(features)));
        }

        return [.. candidates.OrderByDescending(c => c.Probability)];
    }

    /// <summary>The likeliest entry when it is likely enough to answer; else the (up to two) entries worth offering.</summary>
    public (CuratedCandidate? Match, IReadOnlyList<CuratedCandidate> Offers) Decide(IReadOnlyList<CuratedCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count > 0 && candidates[0].Probability >= _threshold)
        {
            return (candidates[0], []);
        }

        return (null, [.. candidates.Where(c => c.Probability >= _offerThreshold).Take(2)]);
    }

    /// <summary>The features of one entry, in <see cref="CuratedMatchModel.FeatureNames"/> order.</summary>
    internal static double[] Measure(
        RetrievedPassage entry, double similarity, double bestOther, double bestProse, HashSet<string> messageWords, int? keywordRank, ReadOnlySpan<float> message)
    {
        var answer = 0.0;
        foreach (var sentence in entry.Sentences)
        {
            if (sentence.Vector.Length == message.Length)
            {
                answer = Math.Max(answer, TensorPrimitives.CosineSimilarity(message, sentence.Vector.Span));
            }
        }

        var entryWords = ContentWords.Of(string.Join('\n', entry.Questions) + "\n" + entry.Text);
        var share = messageWords.Count == 0 ? 0 : messageWords.Count(entryWords.Contains) / (double)messageWords.Count;
        return
        [
            similarity,
            answer,
            similarity - bestOther,
            similarity - bestProse,
            share,
            keywordRank is > 0 ? 1.0 / keywordRank.Value : 0,
        ];
    }
}
