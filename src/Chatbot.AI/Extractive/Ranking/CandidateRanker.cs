using Chatbot.AI.Extractive.Candidates;

namespace Chatbot.AI.Extractive.Ranking;

/// <summary>
/// Ranks scored candidates for a question: measures each (<see cref="SentenceFeatureExtractor"/>), weighs the
/// measurements with the learned <see cref="SentenceRanker"/>, and decides which may be quoted at all.
/// </summary>
internal sealed class CandidateRanker(SentenceRanker ranker)
{
    /// <summary>
    /// Sets <see cref="AnswerCandidate.Admissible"/>, <see cref="AnswerCandidate.TypedAboutSubject"/> and
    /// <see cref="AnswerCandidate.Rank"/> of every candidate for <paramref name="question"/>, and returns what was
    /// measured of each, in the candidates' order.
    /// </summary>
    public IReadOnlyList<SentenceFeatures> Rank(List<AnswerCandidate> candidates, string question)
    {
        var extractor = new SentenceFeatureExtractor(question, candidates);
        var measured = new SentenceFeatures[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];

            // An explanation goes on past the sentence that matches the question ("Transformers therefore add
            // positional information. The original paper added fixed sinusoidal encodings ..."): the sentence
            // right after a relevant one may be quoted even when its own words are further from the question's.
            c.Admissible = c.Relevance >= CandidateScorer.MinRelevance
                || (c.Relevance >= CandidateScorer.MinRelevance / 2 && c.PrecedingIn(candidates).Any(p => p.Relevance >= CandidateScorer.MinRelevance));
            var features = extractor.Measure(i);
            c.TypedAboutSubject = extractor.IsTypedAboutSubject(c, features);
            c.Rank = ranker.Score(features.ToArray());
            measured[i] = features;
        }

        return measured;
    }
}
