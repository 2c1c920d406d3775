using System.Text.Json;
using Chatbot.Grounding.Model;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// The intent classifier: a multinomial logistic regression over <see cref="IntentFeatures"/> (standardised), whose
/// logits are divided by a temperature chosen on cross-validated predictions, so that the probability it gives an
/// intent is a calibrated one: of the messages it gives 0.8, about 8 in 10 are that intent. Fitted by
/// <c>train intents</c> on the examples in resource files and the development messages, shipped as an embedded resource.
/// </summary>
public sealed class IntentModel
{
    private const string ResourceName = "Chatbot.Conversation.Intents.intent-model.json";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    private static readonly Lazy<IntentModel> s_default = new(() => FromJson(EmbeddedResource.ReadText(typeof(IntentModel).Assembly, ResourceName)));

    private readonly double[][] _weights;
    private readonly double[] _biases;
    private readonly double[] _means;
    private readonly double[] _scales;

    /// <summary>Creates a model; <paramref name="weights"/> has one row per intent, each with one weight per feature.</summary>
    /// <exception cref="ArgumentException">The lists disagree in length, an intent is unknown or repeated, or a number is not finite.</exception>
    public IntentModel(
        IReadOnlyList<Intent> intents,
        IReadOnlyList<string> textFeatures,
        int embeddingDimensions,
        IReadOnlyList<double> means,
        IReadOnlyList<double> scales,
        IReadOnlyList<IReadOnlyList<double>> weights,
        IReadOnlyList<double> biases,
        double temperature)
    {
        ArgumentNullException.ThrowIfNull(intents);
        ArgumentNullException.ThrowIfNull(textFeatures);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        var width = textFeatures.Count + embeddingDimensions;
        if (intents.Count < 2 || intents.Distinct().Count() != intents.Count || weights.Count != intents.Count || biases.Count != intents.Count)
        {
            throw new ArgumentException("The intent model needs two or more distinct intents, each with a row of weights and a bias.", nameof(intents));
        }

        if (embeddingDimensions < 0 || means.Count != width || scales.Count != width || weights.Any(row => row.Count != width))
        {
            throw new ArgumentException($"The intent model needs {width} means, scales and weights per intent.", nameof(weights));
        }

        if (scales.Any(s => !(s > 0)) || !(temperature > 0) || means.Concat(biases).Concat(weights.SelectMany(r => r)).Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The intent model's scales and temperature must be positive and its weights finite.", nameof(weights));
        }

        Intents = [.. intents];
        TextFeatures = [.. textFeatures];
        EmbeddingDimensions = embeddingDimensions;
        _means = [.. means];
        _scales = [.. scales];
        _weights = [.. weights.Select(row => row.ToArray())];
        _biases = [.. biases];
        Temperature = temperature;
    }

    /// <summary>The intents the model tells apart, in the order of its rows.</summary>
    public IReadOnlyList<Intent> Intents { get; }

    /// <summary>The text features it was trained on, in order (they must be those <see cref="IntentFeatures"/> measures).</summary>
    public IReadOnlyList<string> TextFeatures { get; }

    /// <summary>How many embedding dimensions follow the text features.</summary>
    public int EmbeddingDimensions { get; }

    /// <summary>What the logits are divided by (above 1 softens over-confident probabilities).</summary>
    public double Temperature { get; }

    /// <summary>What training reported; informational.</summary>
    public string? Provenance { get; init; }

    /// <summary>The probability of each of <see cref="Intents"/> for a feature vector, summing to 1.</summary>
    /// <exception cref="ArgumentException">The vector's length is not the model's.</exception>
    public double[] Probabilities(ReadOnlySpan<double> features)
    {
        var logits = Logits(features);
        var max = logits.Max();
        var sum = 0.0;
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = Math.Exp((logits[k] - max) / Temperature);
            sum += logits[k];
        }

        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] /= sum;
        }

        return logits;
    }

    /// <summary>The raw logits (before the temperature) for a feature vector.</summary>
    public double[] Logits(ReadOnlySpan<double> features)
    {
        if (features.Length != _means.Length)
        {
            throw new ArgumentException($"The intent model expects {_means.Length} features, got {features.Length}.", nameof(features));
        }

        var logits = new double[_weights.Length];
        for (var k = 0; k < _weights.Length; k++)
        {
            var row = _weights[k];
            var z = _biases[k];
            for (var j = 0; j < row.Length; j++)
            {
                z += row[j] * ((features[j] - _means[j]) / _scales[j]);
            }

            logits[k] = z;
        }

        return logits;
    }

    /// <summary>The same model with another temperature.</summary>
    public IntentModel WithTemperature(double temperature) =>
        new(Intents, TextFeatures, EmbeddingDimensions, _means, _scales, _weights, _biases, temperature) { Provenance = Provenance };

    /// <summary>The same model with <paramref name="provenance"/> recorded.</summary>
    public IntentModel WithProvenance(string provenance) =>
        new(Intents, TextFeatures, EmbeddingDimensions, _means, _scales, _weights, _biases, Temperature) { Provenance = provenance };

    /// <summary>The model that ships with the library.</summary>
    public static IntentModel Default => s_default.Value;

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ArgumentException">The JSON is not a valid intent model.</exception>
    public static IntentModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, s_json);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The intent model is not valid JSON: {exception.Message}", nameof(json), exception);
        }

        if (document is null || document.Intents is null || document.TextFeatures is null || document.Means is null || document.Scales is null
            || document.Weights is null || document.Biases is null)
        {
            throw new ArgumentException("The intent model lacks intents, features, means, scales, weights or biases.", nameof(json));
        }

        var intents = document.Intents.Select(name => Enum.TryParse<Intent>(name, out var intent)
            ? intent
            : throw new ArgumentException($"The intent model names an unknown intent '{name}': retrain it with 'train intents'.", nameof(json))).ToList();
        return new IntentModel(intents, document.TextFeatures, document.EmbeddingDimensions, document.Means, document.Scales, document.Weights, document.Biases, document.Temperature)
        {
            Provenance = document.Provenance,
        };
    }

    /// <summary>The model as JSON, the format <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new Document([.. Intents.Select(i => i.ToString())], [.. TextFeatures], EmbeddingDimensions, Round(_means), Round(_scales), [.. _weights.Select(Round)], Round(_biases), Math.Round(Temperature, 4), Provenance),
        s_json);

    private static double[] Round(double[] values) => [.. values.Select(v => Math.Round(v, 5))];

    private sealed record Document(
        string[]? Intents, string[]? TextFeatures, int EmbeddingDimensions, double[]? Means, double[]? Scales, double[][]? Weights, double[]? Biases, double Temperature, string? Provenance);
}
