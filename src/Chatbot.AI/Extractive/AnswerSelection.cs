using Chatbot.Grounding.Model;

namespace Chatbot.AI.Extractive;

/// <summary>
/// Which ranked sentences make the answer, so that it reads as one explanation: the passage that answers best
/// comes first, quoted as consecutive sentences in their order from the one that answers (or, for a question
/// about how something works or why, from the run of that passage that explains best). A second passage is
/// added only for what the first does not answer: a later part of the question, or a sentence the ranker is
/// sure holds the answer when nothing in the first passage is. Each passage becomes a paragraph.
/// The composer and <c>train ranker</c> (SentenceRankerTrainer, in tools/Chatbot.Tools) both choose with this, so training measures what users get.
/// </summary>
internal static class AnswerSelection
{
    /// <summary>How many of a passage's best sentences make its score when choosing the passage that explains.</summary>
    private const int PassageEvidence = 3;

    /// <summary>The most sentences a second passage adds: it completes the answer, it does not start another.</summary>
    private const int SecondPassageSentences = 2;

    /// <summary>
    /// The probability a sentence outside the first passage needs, when that passage holds no sentence as likely, to
    /// add its passage: the ranker is sure the answer is there and not in the first.
    /// </summary>
    private const double SecondPassageConfidence = 0.4;

    /// <summary>What quoting a sentence costs the reader, in probability of holding the answer: a sentence less likely than this is not worth reading.</summary>
    private const double SentenceCost = 0.15;

    /// <summary>The extra cost of a sentence before the one that answers: it delays the answer.</summary>
    private const double LeadInCost = 0.2;

    /// <summary>What a sentence of an article's opening costs when it answers a "what is" question: the lead was written to be read whole.</summary>
    private const double OpeningCost = 0;

    /// <summary>The most sentences a paragraph may start before the one it is built around.</summary>
    private const int MaxLeadIn = 2;

    /// <summary>A sentence as selection sees it.</summary>
    /// <param name="Source">Its passage's number.</param>
    /// <param name="Index">Its position in the passage.</param>
    /// <param name="Score">The ranker's log-odds that it holds the answer.</param>
    /// <param name="Admissible">Whether it may be quoted at all.</param>
    /// <param name="LeansOnPrevious">Whether it opens with a word that refers back ("It", "This", "They"), so it reads well only after the sentence before it.</param>
    public readonly record struct Item(int Source, int Index, double Score, bool Admissible, bool LeansOnPrevious = false);

    /// <summary>
    /// Chooses up to <paramref name="budget"/> of <paramref name="items"/> (their positions in the list), in the order
    /// they are read: paragraphs of consecutive sentences of one passage each. <paramref name="seeds"/> are the
    /// sentences that answer each part of the question (or the kind of answer it asks for), first part first;
    /// <paramref name="leadPassage"/> is a passage that should open the answer when it answers nearly as well as the
    /// best (the opening of the article about what a "what is" question names); <paramref name="duplicate"/> says
    /// when two positions say the same thing.
    /// </summary>
    public static List<int> Choose(
        IReadOnlyList<Item> items, int budget, bool explains, IReadOnlyList<int> seeds, Func<int, int, bool> duplicate, int? leadPassage = null, double leadMargin = 2)
    {
        var admissible = Enumerable.Range(0, items.Count).Where(i => items[i].Admissible).ToList();
        if (admissible.Count == 0 || budget <= 0)
        {
            return [];
        }

        // The sentences most likely to hold the answer: each part's answer first, then by rank (for how/why, the run
        // that explains best). The answer is built around them.
        var pool = Pool(items, budget, explains, seeds, duplicate);
        if (pool.Count == 0)
        {
            return [];
        }

        var lead = pool[0];
        var opening = leadPassage is { } passage ? BestOf(items, admissible.Where(i => items[i].Source == passage)) : -1;
        if (seeds.Count == 0 && opening >= 0 && items[opening].Score >= items[lead].Score - leadMargin)
        {
            lead = opening;
        }

        var first = Run(items, lead, budget, duplicate, [], lead == opening ? OpeningCost : SentenceCost);

        // What the first passage leaves out: the best of the pool it does not hold, when it answers a part of the
        // question or the ranker is fairly sure of it. Its passage (or a later stretch of the same one) adds a paragraph.
        var left = pool.Where(i => !first.Contains(i) && !first.Any(c => duplicate(c, i))).ToList();
        // An article's opening answers "what is it" whole; only a further part of the question, or a level that asks for
        // more sentences than the opening holds, adds to it, and then only what the level asks for.
        var room = lead != opening || first.Count < budget;
        var next = left.FirstOrDefault(i => seeds.Contains(i) || (room && Logistic.Sigmoid(items[i].Score) >= SecondPassageConfidence), -1);
        if (next < 0)
        {
            return first;
        }

        // The second paragraph's sentences come out of the first's budget, but the first keeps at least two.
        var second = Run(items, next, lead == opening ? Math.Clamp(budget - first.Count, 1, SecondPassageSentences) : SecondPassageSentences, duplicate, first, SentenceCost);
        var keep = Math.Max(Math.Min(2, first.Count), budget - second.Count);
        var chosen = first.Take(keep).Concat(second).ToList();
        // A likely sentence of a passage already quoted that neither stretch holds joins its passage's paragraph: it adds
        // no passage, and the paragraph keeps the passage's order.
        var sources = chosen.Select(i => items[i].Source).ToHashSet();
        foreach (var i in left.Where(i => !chosen.Contains(i) && sources.Contains(items[i].Source) && Logistic.Sigmoid(items[i].Score) >= SecondPassageConfidence && !chosen.Any(c => duplicate(c, i))).Take(1))
        {
            var paragraph = chosen.Where(c => items[c].Source == items[i].Source).ToList();
            var before = paragraph.LastOrDefault(c => items[c].Index < items[i].Index, -1);
            var at = before >= 0 ? chosen.IndexOf(before) + 1 : chosen.IndexOf(paragraph[0]);
            if (at > 0)
            {
                // Never before the sentence that opens the answer.
                chosen.Insert(at, i);
            }
        }

        return chosen;
    }

    /// <summary>
    /// Up to <paramref name="budget"/> of the most likely answer sentences, none repeating another: <paramref name="seeds"/>,
    /// then, for a question about how or why, the run of one passage that explains best, then the best-ranked.
    /// </summary>
    private static List<int> Pool(IReadOnlyList<Item> items, int budget, bool explains, IReadOnlyList<int> seeds, Func<int, int, bool> duplicate)
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

    /// <summary>The best-scored of <paramref name="positions"/>, or -1 when there are none.</summary>
    private static int BestOf(IReadOnlyList<Item> items, IEnumerable<int> positions)
    {
        var best = -1;
        foreach (var i in positions)
        {
            if (best < 0 || items[i].Score > items[best].Score)
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// Up to <paramref name="budget"/> consecutive sentences of <paramref name="anchor"/>'s passage, in reading order, that
    /// hold it: the stretch whose sentences are, together, most likely to hold the answer, each sentence costing
    /// <see cref="SentenceCost"/> (so an unlikely one is not quoted to fill space) and each before the anchor
    /// <see cref="LeadInCost"/> more (an answer opens with what answers, unless the sentence before explains it).
    /// A sentence that repeats <paramref name="taken"/> is skipped.
    /// </summary>
    private static List<int> Run(IReadOnlyList<Item> items, int anchor, int budget, Func<int, int, bool> duplicate, IReadOnlyList<int> taken, double cost)
    {
        var source = items[anchor].Source;
        var passage = Enumerable.Range(0, items.Count)
            .Where(i => items[i].Source == source && (i == anchor || (!taken.Contains(i) && !taken.Any(t => duplicate(t, i)) && !duplicate(anchor, i))))
            .OrderBy(i => items[i].Index)
            .ToList();
        var at = passage.IndexOf(anchor);
        List<int>? best = null;
        var bestValue = double.MinValue;
        for (var from = Math.Max(0, at - MaxLeadIn); from <= at; from++)
        {
            // What leads in to the anchor must be quotable itself; what follows it may continue an explanation.
            if (Enumerable.Range(from, at - from).Any(k => !items[passage[k]].Admissible))
            {
                continue;
            }

            // The lead-in's value, and a sentence that refers back ("It was ...") starting the stretch reads well only
            // after the one it refers to; each sentence from the anchor on then adds its own.
            var value = Enumerable.Range(from, at - from).Sum(k => Logistic.Sigmoid(items[passage[k]].Score) - cost - LeadInCost)
                - (items[passage[from]].LeansOnPrevious && from > 0 ? LeadInCost : 0);
            for (var to = at; to < passage.Count && to - from < budget; to++)
            {
                // A gap of more than one unquotable sentence breaks the stretch.
                if (to > from && items[passage[to]].Index - items[passage[to - 1]].Index > 2)
                {
                    break;
                }

                value += Logistic.Sigmoid(items[passage[to]].Score) - cost;
                if (value > bestValue)
                {
                    bestValue = value;
                    best = passage.GetRange(from, to - from + 1);
                }
            }
        }

        return best ?? [anchor];
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
