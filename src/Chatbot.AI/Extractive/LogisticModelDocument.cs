using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Grounding.Model;

namespace Chatbot.AI.Extractive;

/// <summary>
/// How a learned model over <see cref="StandardizedWeights"/> (the sentence ranker, the answerability model, the curated
/// match model) is stored as JSON: its features' names, each feature's training mean and standard deviation, the weight
/// of each standardised feature, the intercept and what training reported. A model that stores more (its thresholds)
/// derives a record that adds them: they are written after the intercept and before the provenance.
/// </summary>
internal record LogisticModelDocument
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The features' names, in vector order.</summary>
    [JsonPropertyOrder(-1)]
    public string[] Features { get; init; } = null!;

    /// <summary>Each feature's training mean.</summary>
    [JsonPropertyOrder(-1)]
    public double[] Means { get; init; } = null!;

    /// <summary>Each feature's training standard deviation.</summary>
    [JsonPropertyOrder(-1)]
    public double[] Scales { get; init; } = null!;

    /// <summary>The weight of each standardised feature.</summary>
    [JsonPropertyOrder(-1)]
    public double[] Weights { get; init; } = null!;

    /// <summary>The intercept.</summary>
    [JsonPropertyOrder(-1)]
    public double Bias { get; init; }

    /// <summary>What training reported; informational.</summary>
    [JsonPropertyOrder(1)]
    public string? Provenance { get; init; }

    /// <summary>
    /// The document of <paramref name="weights"/> over <paramref name="features"/>, with <paramref name="provenance"/>;
    /// a model with fields of its own sets them on the result with <c>with</c>.
    /// </summary>
    public static TDocument Of<TDocument>(StandardizedWeights weights, IReadOnlyList<string> features, string? provenance)
        where TDocument : LogisticModelDocument, new()
    {
        ArgumentNullException.ThrowIfNull(weights);
        return new TDocument
        {
            Features = [.. features],
            Means = weights.Means,
            Scales = weights.Scales,
            Weights = weights.Weights,
            Bias = weights.Bias,
            Provenance = provenance,
        };
    }

    /// <summary>The text of the model the library embeds as <paramref name="resourceName"/>.</summary>
    public static string ReadResource(string resourceName) => EmbeddedResource.ReadText(typeof(LogisticModelDocument).Assembly, resourceName);

    /// <summary>Reads a document written by <see cref="ToJson"/>; <paramref name="model"/> names the model in the error for an empty one.</summary>
    /// <exception cref="FormatException">The JSON is <c>null</c>.</exception>
    public static TDocument FromJson<TDocument>(string json, string model)
        where TDocument : LogisticModelDocument
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        return JsonSerializer.Deserialize<TDocument>(json, s_json) ?? throw new FormatException($"The {model} JSON is empty.");
    }

    /// <summary>The document as indented JSON, with the fields of the record it is (a model's thresholds) included.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, GetType(), s_json);
}
