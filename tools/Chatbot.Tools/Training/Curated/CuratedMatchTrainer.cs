using System.Globalization;
using Chatbot.AI.Responding;

namespace Chatbot.Tools.Training.Curated;

/// <summary>A message as <c>train curated</c> learns from it: the FAQ entries weighed for it, and the one it asks (null for none).</summary>
/// <param name="Message">The message.</param>
/// <param name="Candidates">Each nearby entry's main question and features, in <see cref="CuratedMatchModel.FeatureNames"/> order.</param>
/// <param name="Expected">The main question of the entry the message asks, or null when no entry answers it.</param>
public sealed record CuratedExample(string Message, IReadOnlyList<(string Question, double[] Features)> Candidates, string? Expected)
{
    /// <summary>Whether candidate <paramref name="index"/> is the entry asked.</summary>
    public bool IsExpected(int index) => Expected is not null && string.Equals(Candidates[index].Question, Expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>Folds keep an entry's paraphrases together, so validation asks about entries the fit never saw.</summary>
    public string Group => Expected ?? Message;
}

/// <summary>What cross-validation found at the chosen thresholds.</summary>
/// <param name="Threshold">The probability from which the likeliest entry answers.</param>
/// <param name="OfferThreshold">The probability from which an entry is offered.</param>
/// <param name="Right">Share of messages with an entry that got it.</param>
/// <param name="Wrong">Share of all messages that got a curated answer they did not ask.</param>
/// <param name="Offered">Share of messages with an entry, not given it, that were offered it.</param>
/// <param name="Reachable">Share of messages with an entry whose entry was among the candidates.</param>
public sealed record CuratedEvaluation(double Threshold, double OfferThreshold, double Right, double Wrong, double Offered, double Reachable)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"threshold {Threshold:0.000} (offer {OfferThreshold:0.000}): right {Right:0.000}, wrong {Wrong:0.000}, offered when not given {Offered:0.000}, reachable {Reachable:0.000}");
}

/// <summary>
/// Fits a <see cref="CuratedMatchModel"/>: a class-balanced logistic regression over every (message, nearby entry)
/// pair, then the lowest answer threshold whose cross-validated wrong curated answers stay within a budget (a wrong
/// curated answer misleads; no curated answer only falls back to the ordinary one).
/// </summary>
public static class CuratedMatchTrainer
{
    /// <summary>Fits the model to all <paramref name="examples"/>.</summary>
    public static CuratedMatchModel Fit(IReadOnlyList<CuratedExample> examples, double threshold, double offerThreshold, double l2 = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var rows = new List<double[]>();
        var labels = new List<bool>();
        foreach (var example in examples)
        {
            for (var i = 0; i < example.Candidates.Count; i++)
            {
                rows.Add(example.Candidates[i].Features);
                labels.Add(example.IsExpected(i));
            }
        }

        if (!labels.Contains(true) || !labels.Contains(false))
        {
            throw new ArgumentException("Fitting needs messages whose entry is among the candidates, and other candidates.", nameof(examples));
        }

        var (means, scales, standardized) = Standardization.Of(rows, CuratedMatchModel.FeatureNames.Count);
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var weights = labels.Select(l => labels.Count / (2.0 * (l ? positives : negatives))).ToArray();
        var (fitted, bias) = LogisticRegression.Fit(standardized, labels, weights, l2);
        return new CuratedMatchModel(CuratedMatchModel.FeatureNames, means, scales, fitted, bias, threshold, offerThreshold);
    }

    /// <summary>
    /// Out-of-fold probabilities over <paramref name="folds"/> folds grouped by entry, and the thresholds chosen on them:
    /// the lowest answer threshold with wrong answers at most <paramref name="maxWrong"/> of all messages.
    /// </summary>
    public static (CuratedEvaluation Evaluation, IReadOnlyList<double[]> Probabilities) CrossValidate(IReadOnlyList<CuratedExample> examples, int folds, double maxWrong, double l2 = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var groups = examples.Select(e => e.Group).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(StableHash).ToList();
        var foldOf = groups.Select((g, i) => (g, i % folds)).ToDictionary(p => p.g, p => p.Item2, StringComparer.OrdinalIgnoreCase);
        var probabilities = new double[examples.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            var model = Fit([.. examples.Where(e => foldOf[e.Group] != fold)], 0.5, 0.5, l2);
            for (var i = 0; i < examples.Count; i++)
            {
                if (foldOf[examples[i].Group] == fold)
                {
                    probabilities[i] = [.. examples[i].Candidates.Select(c => model.Probability(c.Features))];
                }
            }
        }

        return (Choose(examples, probabilities, maxWrong), probabilities);
    }

    /// <summary>The thresholds for out-of-fold <paramref name="probabilities"/> (one per candidate of each example).</summary>
    public static CuratedEvaluation Choose(IReadOnlyList<CuratedExample> examples, IReadOnlyList<double[]> probabilities, double maxWrong)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(probabilities);
        var grid = Enumerable.Range(1, 99).Select(i => i / 100.0).ToList();
        var best = grid.Select(t => Score(examples, probabilities, t, t)).Where(e => e.Wrong <= maxWrong).MaxBy(e => (e.Right, -e.Threshold))
            ?? Score(examples, probabilities, 0.99, 0.99);

        // Offer from the probability that puts the asked entry before the most users not given it, counting an offer
        // to a message no entry answers as one lost.
        var offer = grid.Where(t => t <= best.Threshold)
            .Select(t => (Threshold: t, Value: OfferValue(examples, probabilities, best.Threshold, t)))
            .MaxBy(p => (p.Value, p.Threshold)).Threshold;
        return Score(examples, probabilities, best.Threshold, offer);
    }

    private static double OfferValue(IReadOnlyList<CuratedExample> examples, IReadOnlyList<double[]> probabilities, double threshold, double offer)
    {
        var value = 0.0;
        for (var i = 0; i < examples.Count; i++)
        {
            var order = Order(probabilities[i]);
            if (order.Count == 0 || probabilities[i][order[0]] >= threshold)
            {
                continue;
            }

            var offered = order.Take(2).Where(j => probabilities[i][j] >= offer).ToList();
            value += examples[i].Expected is null ? -offered.Count : offered.Exists(examples[i].IsExpected) ? 1 : -0.5 * offered.Count;
        }

        return value;
    }

    private static CuratedEvaluation Score(IReadOnlyList<CuratedExample> examples, IReadOnlyList<double[]> probabilities, double threshold, double offer)
    {
        int asked = 0, right = 0, wrong = 0, notGiven = 0, offered = 0, reachable = 0;
        for (var i = 0; i < examples.Count; i++)
        {
            var example = examples[i];
            var order = Order(probabilities[i]);
            asked += example.Expected is null ? 0 : 1;
            reachable += Enumerable.Range(0, example.Candidates.Count).Any(example.IsExpected) ? 1 : 0;
            if (order.Count > 0 && probabilities[i][order[0]] >= threshold)
            {
                if (example.IsExpected(order[0]))
                {
                    right++;
                }
                else
                {
                    wrong++;
                }

                continue;
            }

            if (example.Expected is not null)
            {
                notGiven++;
                offered += order.Take(2).Any(j => probabilities[i][j] >= offer && example.IsExpected(j)) ? 1 : 0;
            }
        }

        return new CuratedEvaluation(
            threshold, offer, right / (double)Math.Max(1, asked), wrong / (double)Math.Max(1, examples.Count), offered / (double)Math.Max(1, notGiven), reachable / (double)Math.Max(1, asked));
    }

    private static List<int> Order(double[] probabilities) => [.. Enumerable.Range(0, probabilities.Length).OrderByDescending(j => probabilities[j])];

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
