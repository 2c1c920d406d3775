using System.Globalization;
using Chatbot.Conversation.Intents;
using Chatbot.Tools.Evaluation.Intents;

namespace Chatbot.Tools.Training.Intents;

/// <summary>A labelled message as <c>train intents</c> learns from it.</summary>
/// <param name="Text">The message.</param>
/// <param name="Intent">Its label.</param>
/// <param name="Features">What <see cref="IntentFeatures"/> measured of it.</param>
/// <param name="Source">The file it came from (reported per file).</param>
public sealed record IntentTrainingExample(string Text, Intent Intent, double[] Features, string Source);

/// <summary>What cross-validation found: accuracy, calibration at the chosen temperature, and the wrong answers given confidently.</summary>
/// <param name="Accuracy">Share of messages whose likeliest intent is their label.</param>
/// <param name="Temperature">The temperature that minimises the log loss of the out-of-fold predictions.</param>
/// <param name="LogLoss">Mean negative log probability of the label, at that temperature.</param>
/// <param name="ExpectedCalibrationError">Mean gap between confidence and accuracy over 10 equal-width bins, weighted by count.</param>
/// <param name="Bins">The reliability bins (empty ones left out).</param>
/// <param name="WrongConfident">Of the wrong predictions, the share whose confidence reached the clarification threshold.</param>
/// <param name="Clarified">Share of all messages below the threshold (the bot asks which intent was meant).</param>
/// <param name="BySource">Accuracy per source file.</param>
/// <param name="Thresholds">For clarification thresholds from 0.3 to 0.95: the share of messages asked about, and the share of misses acted on.</param>
/// <param name="Misses">Each wrong prediction: the message, its label, the prediction and its confidence.</param>
public sealed record IntentCrossValidation(
    double Accuracy,
    double Temperature,
    double LogLoss,
    double ExpectedCalibrationError,
    IReadOnlyList<ReliabilityBin> Bins,
    double WrongConfident,
    double Clarified,
    IReadOnlyDictionary<string, double> BySource,
    IReadOnlyList<(double Threshold, double Clarified, double WrongConfident)> Thresholds,
    IReadOnlyList<(string Text, Intent Label, Intent Predicted, double Confidence)> Misses)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"accuracy {Accuracy:0.000}, temperature {Temperature:0.00}, log loss {LogLoss:0.000}, ECE {ExpectedCalibrationError:0.000}, wrong at or above the threshold {WrongConfident:0.000} of misses, clarified {Clarified:0.000}");
}

/// <summary>
/// Fits the <see cref="IntentModel"/>: a multinomial logistic regression over standardised features, then a
/// temperature chosen on out-of-fold predictions so that its probabilities are calibrated. Folds are stratified by
/// intent and fixed by the order of the examples, so a run is reproducible.
/// </summary>
public static class IntentTrainer
{
    /// <summary>Fits the model to every example, with the given temperature.</summary>
    public static IntentModel Fit(IReadOnlyList<IntentTrainingExample> examples, IReadOnlyList<string> textFeatures, double l2, double temperature)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(textFeatures);
        var intents = IntentsOf(examples);
        var width = examples[0].Features.Length;
        var (means, scales, rows) = Standardization.Of([.. examples.Select(e => e.Features)], width);
        var (weights, biases) = SoftmaxRegression.Fit(rows, [.. examples.Select(e => intents.IndexOf(e.Intent))], intents.Count, l2);
        return new IntentModel(intents, textFeatures, width - textFeatures.Count, means, scales, weights, biases, temperature);
    }

    /// <summary>
    /// Cross-validates: each fold fitted on the others and predicted; then the temperature that best calibrates the
    /// out-of-fold predictions, and accuracy and calibration at it.
    /// </summary>
    /// <param name="examples">The labelled messages.</param>
    /// <param name="folds">How many folds.</param>
    /// <param name="l2">The weight penalty.</param>
    /// <param name="threshold">The clarification threshold: below it the bot asks.</param>
    public static IntentCrossValidation CrossValidate(IReadOnlyList<IntentTrainingExample> examples, int folds, double l2, double threshold)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var intents = IntentsOf(examples);
        var fold = Folds(examples, folds);
        var logits = new double[examples.Count][];
        for (var f = 0; f < folds; f++)
        {
            var train = examples.Where((_, i) => fold[i] != f).ToList();
            var (means, scales, rows) = Standardization.Of([.. train.Select(e => e.Features)], train[0].Features.Length);
            var (weights, biases) = SoftmaxRegression.Fit(rows, [.. train.Select(e => intents.IndexOf(e.Intent))], intents.Count, l2);
            for (var i = 0; i < examples.Count; i++)
            {
                if (fold[i] == f)
                {
                    var row = examples[i].Features.Select((v, j) => (v - means[j]) / scales[j]).ToArray();
                    logits[i] = SoftmaxRegression.Logits(weights, biases, row);
                }
            }
        }

        var labels = examples.Select(e => intents.IndexOf(e.Intent)).ToArray();
        var temperature = BestTemperature(logits, labels);
        return Measure(examples, intents, logits, labels, temperature, threshold);
    }

    private static IntentCrossValidation Measure(
        IReadOnlyList<IntentTrainingExample> examples, List<Intent> intents, double[][] logits, int[] labels, double temperature, double threshold)
    {
        var predictions = logits.Select(z => SoftmaxRegression.Softmax(z, temperature)).ToArray();
        var best = predictions.Select(p => Array.IndexOf(p, p.Max())).ToArray();
        var confidence = predictions.Select(p => p.Max()).ToArray();
        var right = best.Select((b, i) => b == labels[i]).ToArray();
        var (bins, ece) = Reliability.Of([.. confidence.Zip(right)]);
        var wrong = Enumerable.Range(0, examples.Count).Where(i => !right[i]).ToList();

        // At a clarification threshold: the share of messages asked about, and of misses acted on.
        (double Clarified, double WrongConfident) At(double t) => (
            confidence.Average(c => c < t ? 1.0 : 0.0),
            wrong.Count == 0 ? 0 : wrong.Count(i => confidence[i] >= t) / (double)wrong.Count);

        var bySource = examples.Select((e, i) => (e.Source, Right: right[i]))
            .GroupBy(x => x.Source)
            .ToDictionary(g => g.Key, g => g.Average(x => x.Right ? 1.0 : 0.0));
        return new IntentCrossValidation(
            right.Average(r => r ? 1.0 : 0.0),
            temperature,
            LogLoss(logits, labels, temperature),
            ece,
            bins,
            At(threshold).WrongConfident,
            At(threshold).Clarified,
            bySource,
            [.. new[] { 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95 }.Select(t => (t, At(t).Clarified, At(t).WrongConfident))],
            [.. wrong.Select(i => (examples[i].Text, examples[i].Intent, intents[best[i]], confidence[i]))]);
    }

    /// <summary>The temperature (0.25 to 8, on a grid 5% apart) that minimises the log loss.</summary>
    private static double BestTemperature(double[][] logits, int[] labels)
    {
        var best = 1.0;
        var bestLoss = double.MaxValue;
        for (var t = 0.25; t <= 8; t *= 1.05)
        {
            var loss = LogLoss(logits, labels, t);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = t;
            }
        }

        return best;
    }

    private static double LogLoss(double[][] logits, int[] labels, double temperature) =>
        logits.Select((z, i) => -Math.Log(Math.Max(SoftmaxRegression.Softmax(z, temperature)[labels[i]], 1e-12))).Average();

    /// <summary>The intents present, in enum order.</summary>
    private static List<Intent> IntentsOf(IReadOnlyList<IntentTrainingExample> examples)
    {
        if (examples.Count == 0 || examples.Select(e => e.Features.Length).Distinct().Count() != 1)
        {
            throw new ArgumentException("Training needs examples whose feature vectors have one length.", nameof(examples));
        }

        var intents = examples.Select(e => e.Intent).Distinct().Order().ToList();
        return intents.Count >= 2 ? intents : throw new ArgumentException("Training needs examples of at least two intents.", nameof(examples));
    }

    /// <summary>Stratified folds: each intent's examples dealt round-robin, in file order.</summary>
    private static int[] Folds(IReadOnlyList<IntentTrainingExample> examples, int folds)
    {
        var fold = new int[examples.Count];
        foreach (var group in examples.Select((e, i) => (e.Intent, i)).GroupBy(x => x.Intent))
        {
            var k = 0;
            foreach (var (_, i) in group)
            {
                fold[i] = k++ % folds;
            }
        }

        return fold;
    }
}
