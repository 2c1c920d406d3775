namespace Chatbot.AI.Extractive;

/// <summary>
/// The weights of a logistic regression over standardised features, as the composer's learned models store them: each
/// feature's training mean and standard deviation, a weight per standardised feature, and an intercept. Validates them
/// once, against the features the code measures, and scores a feature vector.
/// </summary>
internal sealed class StandardizedWeights
{
    /// <summary>Validates and keeps the weights of a model called <paramref name="model"/>, refitted by <paramref name="retrain"/>.</summary>
    /// <exception cref="ArgumentException">The features are not <paramref name="expected"/>, a list has the wrong length, a scale is not positive or a weight not finite.</exception>
    public StandardizedWeights(
        IReadOnlyList<string> features, IReadOnlyList<string> expected, IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<double> weights, double bias, string model, string retrain)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(weights);
        if (!features.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The {model}'s features ({string.Join(", ", features)}) are not the composer's ({string.Join(", ", expected)}): retrain it with '{retrain}'.",
                nameof(features));
        }

        if (means.Count != features.Count || scales.Count != features.Count || weights.Count != features.Count)
        {
            throw new ArgumentException($"The {model} needs one mean, scale and weight per feature.", nameof(features));
        }

        if (scales.Any(s => !(s > 0)) || means.Concat(weights).Append(bias).Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"The {model}'s scales must be positive and its weights finite.", nameof(scales));
        }

        Means = means.ToArray();
        Scales = scales.ToArray();
        Weights = weights.ToArray();
        Bias = bias;
    }

    public double[] Means { get; }

    public double[] Scales { get; }

    public double[] Weights { get; }

    public double Bias { get; }

    /// <summary>The log-odds for <paramref name="features"/>, in the order the weights were given.</summary>
    public double LogOdds(ReadOnlySpan<double> features)
    {
        if (features.Length != Weights.Length)
        {
            throw new ArgumentException($"Expected {Weights.Length} features, got {features.Length}.", nameof(features));
        }

        var z = Bias;
        for (var i = 0; i < features.Length; i++)
        {
            z += Weights[i] * (features[i] - Means[i]) / Scales[i];
        }

        return z;
    }
}
