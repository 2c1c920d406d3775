using System.Globalization;
using Chatbot.AI.Extractive;

namespace Chatbot.Tools.Training.Answerability;

/// <summary>A question as <c>train answerability</c> learns from it: what was measured of it and its sources, and whether they answer it.</summary>
/// <param name="Question">The question.</param>
/// <param name="Features">What <see cref="AnswerabilityModel.Measure"/> found, in <see cref="AnswerabilityModel.FeatureNames"/> order.</param>
/// <param name="Answerable">True for a question the knowledge answers (one with key facts), false for one it does not cover.</param>
/// <param name="Pilot">True when its best source is a pilot's page: such questions get a threshold of their own.</param>
public sealed record AnswerabilityExample(string Question, double[] Features, bool Answerable, bool Pilot = false);

/// <summary>What cross-validation found at the chosen threshold.</summary>
/// <param name="Threshold">The probability below which a question counts as not covered.</param>
/// <param name="FalseRefusals">Share of answerable questions refused, out of fold.</param>
/// <param name="Refused">Share of uncovered questions refused, out of fold.</param>
/// <param name="Answerable">How many answerable questions.</param>
/// <param name="Uncovered">How many uncovered questions.</param>
public sealed record AnswerabilityEvaluation(double Threshold, double FalseRefusals, double Refused, int Answerable, int Uncovered)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"threshold {Threshold:0.000}: refuses {Refused:0.000} of {Uncovered} uncovered and {FalseRefusals:0.000} of {Answerable} answerable");
}

/// <summary>
/// Fits an <see cref="AnswerabilityModel"/>: a class-balanced logistic regression on standardised features, and the
/// highest threshold whose cross-validated false refusals stay within a budget (refusing a question the knowledge
/// answers costs a user more than quoting a little too eagerly).
/// </summary>
public static class AnswerabilityTrainer
{
    /// <summary>Fits the model to all <paramref name="examples"/>, with <paramref name="threshold"/>.</summary>
    public static AnswerabilityModel Fit(IReadOnlyList<AnswerabilityExample> examples, double threshold, double l2 = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!examples.Any(e => e.Answerable) || !examples.Any(e => !e.Answerable))
        {
            throw new ArgumentException("Fitting needs answerable and uncovered questions.", nameof(examples));
        }

        var (means, scales, rows) = Standardization.Of(examples.Select(e => e.Features).ToList(), AnswerabilityModel.FeatureNames.Count);

        // Each class weighs as much as the other, however many questions it has.
        var positives = examples.Count(e => e.Answerable);
        var negatives = examples.Count - positives;
        var weights = examples.Select(e => examples.Count / (2.0 * (e.Answerable ? positives : negatives))).ToArray();
        var (fitted, bias) = LogisticRegression.Fit(rows, examples.Select(e => e.Answerable).ToArray(), weights, l2);
        return new AnswerabilityModel(AnswerabilityModel.FeatureNames, means, scales, fitted, bias, threshold);
    }

    /// <summary>
    /// Out-of-fold probabilities over <paramref name="folds"/> folds (every <paramref name="folds"/>-th example per fold),
    /// and the highest threshold whose false refusals stay at or below <paramref name="maxFalseRefusals"/>.
    /// </summary>
    public static AnswerabilityEvaluation CrossValidate(IReadOnlyList<AnswerabilityExample> examples, int folds, double maxFalseRefusals, double l2 = 1) =>
        Choose(examples, OutOfFold(examples, folds, l2), maxFalseRefusals);

    /// <summary>Each example's probability from a model fitted without its fold (every <paramref name="folds"/>-th example per fold).</summary>
    public static double[] OutOfFold(IReadOnlyList<AnswerabilityExample> examples, int folds, double l2 = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var probabilities = new double[examples.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var training = examples.Where((_, i) => i % folds != fold).ToList();
            var model = Fit(training, 0, l2);
            for (var i = fold; i < examples.Count; i += folds)
            {
                probabilities[i] = model.Probability(examples[i].Features);
            }
        }

        return probabilities;
    }

    /// <summary>The highest threshold among the answerable questions' probabilities that refuses at most the allowed share of them.</summary>
    public static AnswerabilityEvaluation Choose(IReadOnlyList<AnswerabilityExample> examples, IReadOnlyList<double> probabilities, double maxFalseRefusals)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(probabilities);
        var answerable = Enumerable.Range(0, examples.Count).Where(i => examples[i].Answerable).Select(i => probabilities[i]).Order().ToList();
        var uncovered = Enumerable.Range(0, examples.Count).Where(i => !examples[i].Answerable).Select(i => probabilities[i]).ToList();
        var allowed = (int)Math.Floor(maxFalseRefusals * answerable.Count);

        // Refusing below the (allowed + 1)-th lowest answerable probability refuses exactly the allowed ones.
        var threshold = answerable.Count == 0 ? 0 : answerable[Math.Min(allowed, answerable.Count - 1)];
        var falseRefusals = answerable.Count(p => p < threshold) / (double)Math.Max(1, answerable.Count);
        var refused = uncovered.Count(p => p < threshold) / (double)Math.Max(1, uncovered.Count);
        return new AnswerabilityEvaluation(threshold, falseRefusals, refused, answerable.Count, uncovered.Count);
    }
}
