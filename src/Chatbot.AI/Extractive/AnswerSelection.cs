using Chatbot.Grounding.Model;

namespace Chatbot.AI.Extractive;

/// <summary>
/// Which ranked sentences make the answer. A question about a fact gets the best-ranked sentences from
/// wherever they are. A question about how something works or why gets a run of consecutive sentences
/// from the one passage that explains it best: an explanation unfolds over a paragraph, and its key step
/// ("Gradient descent then nudges every weight …") often shares few words with the question.
/// The composer and <c>train ranker</c> (SentenceRankerTrainer, in tools/Chatbot.Tools) both choose with this, so training measures what users get.
/// </summary>
internal static class AnswerSelection
{
    /// <summary>How many of a passage's best sentences make its score when choosing the passage that explains.</summary>
    private const int PassageEvidence = 3;

    /// <summary>A sentence as selection sees it.</summary>
    /// <param name="Source">Its passage's number.</param>
    /// <param name="Index">Its position in the passage.</param>
    /// <param name="Score">The ranker's log-odds that it holds the answer.</param>
    /// <param name="Admissible">Whether it may be quoted at all.</param>
    public readonly record struct Item(int Source, int Index, double Score, bool Admissible);

    /// <summary>
    /// Chooses up to <paramref name="budget"/> of <paramref name="items"/> (their positions in the list), after
    /// <paramref name="seeds"/>; <paramref name="duplicate"/> says when two positions say the same thing.
    /// The first position returned is the answer's lead.
    /// </summary>
    public static List<int> Choose(IReadOnlyList<Item> items, int budget, bool explains, IReadOnlyList<int> seeds, Func<int, int, bool> duplicate)
    {
        var chosen = new List<int>(seeds);
        if (explains && seeds.Count == 0)
        {
            chosen.AddRange(ExplainingRun(items, budget));
        }

        foreach (var i in Enumerable.Range(0, items.Count).Where(i => items[i].Admissible).OrderByDescending(i => items[i].Score))
        {
            if (chosen.Count >= budget)
            {
                break;
            }

            if (!chosen.Contains(i) && !chosen.Any(c => duplicate(c, i)))
            {
                chosen.Add(i);
            }
        }

        return chosen;
    }

    /// <summary>
    /// The passage whose <see cref="PassageEvidence"/> best sentences are most likely to hold the answer, and
    /// in it the run of up to <paramref name="budget"/> consecutive sentences around its best one that is most
    /// likely to, in reading order.
    /// </summary>
    private static List<int> ExplainingRun(IReadOnlyList<Item> items, int budget)
    {
        var passage = Enumerable.Range(0, items.Count)
            .Where(i => items[i].Admissible)
            .GroupBy(i => items[i].Source)
            .Select(g => (Source: g.Key, Evidence: g.Select(i => Logistic.Sigmoid(items[i].Score)).OrderDescending().Take(PassageEvidence).Sum()))
            .OrderByDescending(p => p.Evidence)
            .FirstOrDefault();
        if (passage.Evidence == 0)
        {
            return [];
        }

        var sentences = Enumerable.Range(0, items.Count).Where(i => items[i].Source == passage.Source).OrderBy(i => items[i].Index).ToList();
        var best = sentences.Where(i => items[i].Admissible).MaxBy(i => items[i].Score);
        var bestAt = sentences.IndexOf(best);
        var length = Math.Min(budget, sentences.Count);
        var run = Enumerable.Range(Math.Max(0, bestAt - length + 1), Math.Min(bestAt, sentences.Count - length) - Math.Max(0, bestAt - length + 1) + 1)
            .Select(start => sentences.GetRange(start, length))
            .MaxBy(window => window.Sum(i => Logistic.Sigmoid(items[i].Score)))!;
        return run;
    }
}
