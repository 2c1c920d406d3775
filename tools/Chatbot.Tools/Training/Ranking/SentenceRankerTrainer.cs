using Chatbot.AI.Extractive;

namespace Chatbot.Tools.Training.Ranking;

/// <summary>
/// Fits <see cref="SentenceRanker"/> to questions whose key facts are known, and estimates by
/// cross-validation how often an answer of the top-ranked sentences (as many as <see cref="AnswerLength"/> says) would hold every key
/// fact of a question the ranker was not fitted on.
/// </summary>
public static class SentenceRankerTrainer
{
    /// <summary>
    /// Fits a ranker to every example. A sentence is a positive example when it holds one of its question's
    /// key facts. Each question counts the same: its answers share one unit of weight, its other sentences another,
    /// so a question with many candidate sentences does not outweigh one with few.
    /// </summary>
    public static SentenceRanker Fit(IReadOnlyList<RankingExample> examples, double l2 = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var rows = new List<double[]>();
        var labels = new List<bool>();
        var weights = new List<double>();
        foreach (var example in examples)
        {
            var sentences = example.Sentences.Where(s => s.Relevant).ToList();
            var positive = sentences.Select(s => example.FactsIn(s.Text).Count > 0).ToList();
            var positives = positive.Count(p => p);
            var negatives = positive.Count - positives;
            for (var i = 0; i < sentences.Count; i++)
            {
                rows.Add([.. sentences[i].Features]);
                labels.Add(positive[i]);
                weights.Add(positive[i] ? 1.0 / positives : 1.0 / negatives);
            }
        }

        // Weights average 1 per row, so the L2 penalty means the same whatever the data's size.
        var scale = rows.Count / weights.Sum();
        return SentenceRankerFitter.Fit(rows, labels, weights.Select(w => w * scale).ToList(), l2);
    }

    /// <summary>
    /// Splits the questions into <paramref name="folds"/> (question i goes to fold i mod folds), fits on all
    /// folds but one and measures on that one: the share of questions whose answer, as many best-ranked sentences as
    /// <paramref name="length"/> gives for the fitted ranker's scores, holds all their key facts. Also measures ranking by
    /// dense similarity alone with answers of the same lengths, for comparison.
    /// </summary>
    public static RankerEvaluation CrossValidate(IReadOnlyList<RankingExample> examples, int folds, AnswerLength length, double l2 = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        int complete = 0, denseComplete = 0, reachable = 0, sentences = 0;
        var missed = new List<string>();
        for (var fold = 0; fold < folds; fold++)
        {
            var training = examples.Where((_, i) => i % folds != fold).ToList();
            var held = examples.Where((_, i) => i % folds == fold).ToList();
            if (held.Count == 0)
            {
                continue;
            }

            var ranker = Fit(training, l2);
            foreach (var example in held)
            {
                double Score(RankedSentence s) => ranker.Score([.. s.Features]);
                var budget = LengthOf(example, Score, length);
                sentences += budget;
                var covered = Covers(example, Score, budget);
                complete += covered ? 1 : 0;
                if (!covered && example.Reachable)
                {
                    missed.Add(example.Question);
                }

                denseComplete += Covers(example, s => s.Features[0], budget) ? 1 : 0;
                reachable += example.Reachable ? 1 : 0;
            }
        }

        return new RankerEvaluation(examples.Count, Ratio(complete, examples.Count), Ratio(denseComplete, examples.Count), Ratio(reachable, examples.Count))
        {
            Missed = missed,
            MeanSentences = Math.Round((double)sentences / Math.Max(1, examples.Count), 2),
        };
    }

    /// <summary>
    /// True when the answer chosen from the relevant sentences by <paramref name="score"/>, as long as
    /// <paramref name="length"/> makes it for those scores, holds every key fact.
    /// </summary>
    public static bool Covers(RankingExample example, Func<RankedSentence, double> score, AnswerLength length)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(score);
        return Covers(example, score, LengthOf(example, score, length));
    }

    /// <summary>True when the answer of <paramref name="budget"/> sentences chosen from the relevant ones by <paramref name="score"/> holds every key fact.</summary>
    public static bool Covers(RankingExample example, Func<RankedSentence, double> score, int budget)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(score);
        var sentences = example.Sentences;
        var items = sentences.Select(s => new AnswerSelection.Item(s.Source, s.Index, score(s), s.Relevant)).ToList();
        var explains = AnswerTypes.AsksHowOrWhy().IsMatch(example.Question);
        var found = new HashSet<int>();
        foreach (var i in AnswerSelection.Choose(items, budget, explains, [], (a, b) => sentences[a].Text == sentences[b].Text))
        {
            found.UnionWith(example.FactsIn(sentences[i].Text));
        }

        return found.Count == example.KeyFacts.Count;
    }

    private static int LengthOf(RankingExample example, Func<RankedSentence, double> score, AnswerLength length) =>
        length.Sentences(example.Sentences.Where(s => s.Relevant).Select(score));

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 3);
}
