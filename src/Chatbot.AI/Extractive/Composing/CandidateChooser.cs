using System.Numerics.Tensors;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Prompting;

namespace Chatbot.AI.Extractive.Composing;

/// <summary>
/// Chooses the sentences an answer quotes, none repeating another: by the ranker's score for an answer
/// to a question, by relevance for each side of a comparison. A beginner's answer prefers short sentences.
/// </summary>
internal static class CandidateChooser
{
    /// <summary>Above this cosine similarity two sentences say the same thing.</summary>
    private const double DuplicateSimilarity = 0.92;

    /// <summary>
    /// The sentences of the answer (see <see cref="AnswerSelection"/>), after <paramref name="seeds"/>, best-ranked
    /// first; <paramref name="explains"/> for a how/why question, which gets a run of one passage.
    /// </summary>
    public static List<AnswerCandidate> ByRank(
        List<AnswerCandidate> candidates, int budget, AnswerStyle style, IReadOnlyList<AnswerCandidate> seeds, bool explains = false, int? leadPassage = null)
    {
        var beginner = style == AnswerStyle.Beginner;
        var items = candidates.Select(c => new AnswerSelection.Item(c.Source, c.Index, c.Rank - (beginner ? 10 * LengthPenalty(c, style) : 0), c.Admissible, c.Context is not null)).ToList();
        var chosen = AnswerSelection.Choose(
            items,
            budget,
            explains,
            seeds.Select(seed => candidates.IndexOf(seed)).ToList(),
            (a, b) => Repeats(candidates[a], candidates[b]),
            leadPassage);
        return chosen.Select(i => candidates[i]).ToList();
    }

    /// <summary>The best-ranked quotable candidate that is not, and does not repeat, one of <paramref name="taken"/>.</summary>
    public static AnswerCandidate? Best(IEnumerable<AnswerCandidate> candidates, IReadOnlyList<AnswerCandidate> taken) =>
        candidates.Where(c => c.Admissible && !taken.Contains(c) && !taken.Any(t => Repeats(t, c))).MaxBy(c => c.Rank);

    /// <summary>Up to <paramref name="budget"/> of the most relevant candidates, each at least <see cref="CandidateScorer.MinRelevance"/>.</summary>
    public static List<AnswerCandidate> ByRelevance(IReadOnlyList<AnswerCandidate> candidates, int budget, AnswerStyle style)
    {
        var chosen = new List<AnswerCandidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Relevance - LengthPenalty(c, style)))
        {
            if (chosen.Count == budget || candidate.Relevance < CandidateScorer.MinRelevance)
            {
                break;
            }

            if (chosen.Any(c => Repeats(c, candidate)))
            {
                continue;
            }

            chosen.Add(candidate);
        }

        return chosen;
    }

    /// <summary>True when one sentence says what the other does, or quotes it after announcing a list.</summary>
    private static bool Repeats(AnswerCandidate a, AnswerCandidate b) =>
        a.Continuation.Contains(b.Text) || b.Continuation.Contains(a.Text)
        || TensorPrimitives.CosineSimilarity(a.Vector, b.Vector) > DuplicateSimilarity;

    /// <summary>
    /// Long sentences cost the reader (more so for beginners); very short ones usually announce
    /// what follows ("The recipe has three steps.") and say little on their own.
    /// </summary>
    private static double LengthPenalty(AnswerCandidate candidate, AnswerStyle style) =>
        (candidate.WordsShort * 0.02) + style switch
    {
        AnswerStyle.Beginner => Math.Max(0, candidate.WordCount - 22) * 0.006,
        AnswerStyle.Expert => 0,
        _ => Math.Max(0, candidate.WordCount - 40) * 0.004,
    };
}
