namespace Chatbot.Grounding.Model;

/// <summary>
/// The answer-level decision: whether an answer holds a hallucination at all, from how its claims scored together.
/// "Flag the answer when any sentence crosses the threshold" over-flags long answers from strong models, whose many
/// correct paraphrases each carry a small chance of a false flag; the gate weighs the whole answer (its worst claims,
/// how many claims there are, how much of it the sources cover) and only then are its sentences flagged.
/// A logistic regression over <see cref="FeatureNames"/>, trained by <c>GroundingTrainer</c> on out-of-fold claim scores.
/// </summary>
public sealed class ResponseGate
{
    /// <summary>The answer-level features, in vector order.</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
    [
        "claim_max",          // the highest claim logit, centred on the claim threshold
        "claim_second",       // the second highest (the lowest possible when there is one claim)
        "claim_mean",         // the mean centred logit
        "claim_share_over",   // the share of claims over the claim threshold
        "claims",             // log(1 + claims)
        "lex_global_min",     // the least-covered claim's share of stems found anywhere in the sources
        "novel_mean",         // mean log(1 + stems found nowhere)
        "number_missing_max", // the largest share of a claim's numbers found nowhere
    ];

    /// <summary>The centred logit given where a feature has no claim to read (an answer of one claim has no second).</summary>
    private const double Floor = -6;

    private static readonly int LexGlobal = GroundingModel.IndexOf("lex_global");
    private static readonly int NovelWords = GroundingModel.IndexOf("novel_words");
    private static readonly int NumberMissing = GroundingModel.IndexOf("number_missing");

    /// <summary>Creates a gate; every array has one entry per <see cref="FeatureNames"/> entry.</summary>
    public ResponseGate(IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<double> weights, double bias, double threshold)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(weights);
        var n = FeatureNames.Count;
        if (means.Count != n || scales.Count != n || weights.Count != n)
        {
            throw new ArgumentException($"A response gate needs {n} means, scales and weights.", nameof(means));
        }

        if (scales.Any(s => s <= 0 || double.IsNaN(s)) || weights.Any(double.IsNaN) || means.Any(double.IsNaN) || double.IsNaN(bias))
        {
            throw new ArgumentException("A response gate has an invalid scale or weight.", nameof(scales));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(threshold, 1);
        Means = [.. means];
        Scales = [.. scales];
        Weights = [.. weights];
        Bias = bias;
        Threshold = threshold;
    }

    public IReadOnlyList<double> Means { get; }

    public IReadOnlyList<double> Scales { get; }

    public IReadOnlyList<double> Weights { get; }

    public double Bias { get; }

    /// <summary>An answer whose gate probability reaches this is flagged (tuned for answer-level F1 at a precision floor).</summary>
    public double Threshold { get; }

    /// <summary>
    /// The answer-level features of an answer whose claims have these centred logits (claim logit minus the claim
    /// threshold's) and these full feature vectors (see <see cref="GroundingModel.AvailableFeatures"/>), in the same order.
    /// </summary>
    public static double[] Describe(IReadOnlyList<double> centredLogits, IReadOnlyList<IReadOnlyList<double>> claimFeatures)
    {
        ArgumentNullException.ThrowIfNull(centredLogits);
        ArgumentNullException.ThrowIfNull(claimFeatures);
        if (centredLogits.Count != claimFeatures.Count)
        {
            throw new ArgumentException("One feature vector per claim logit is needed.", nameof(claimFeatures));
        }

        var values = new double[FeatureNames.Count];
        var n = centredLogits.Count;
        values[4] = Math.Log(1 + n);
        if (n == 0)
        {
            values[0] = values[1] = values[2] = Floor;
            values[5] = 1;
            return values;
        }

        double max = double.NegativeInfinity, second = double.NegativeInfinity, sum = 0, lexMin = double.PositiveInfinity, novel = 0, numbers = 0;
        var over = 0;
        for (var i = 0; i < n; i++)
        {
            var z = Math.Clamp(centredLogits[i], Floor, -Floor);
            if (z > max)
            {
                second = max;
                max = z;
            }
            else if (z > second)
            {
                second = z;
            }

            sum += z;
            over += z >= 0 ? 1 : 0;
            lexMin = Math.Min(lexMin, claimFeatures[i][LexGlobal]);
            novel += claimFeatures[i][NovelWords];
            numbers = Math.Max(numbers, claimFeatures[i][NumberMissing]);
        }

        values[0] = max;
        values[1] = double.IsNegativeInfinity(second) ? Floor : second;
        values[2] = sum / n;
        values[3] = (double)over / n;
        values[5] = lexMin;
        values[6] = novel / n;
        values[7] = numbers;
        return values;
    }

    /// <summary>The probability that an answer with these answer-level features (from <see cref="Describe"/>) holds a hallucination.</summary>
    public double Predict(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var z = Bias;
        for (var j = 0; j < Weights.Count; j++)
        {
            z += Weights[j] * ((features[j] - Means[j]) / Scales[j]);
        }

        return Logistic.Sigmoid(z);
    }
}
