using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Grounding.Features;

namespace Chatbot.Grounding.Model;

/// <summary>
/// The learned combination of grounding features: a logistic regression over standardised
/// features giving the probability that a claim is hallucinated, and the threshold above which a
/// claim is flagged. Persisted as a small JSON file; the default one ships as an embedded resource,
/// so the app never trains at start. <c>GroundingTrainer</c> in tools/Chatbot.Tools regenerates it (eng/Chatbot.Grounding.Training runs it).
/// </summary>
public sealed class GroundingModel
{
    private const string ResourceName = "Chatbot.Grounding.Model.grounding-model.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly int[] _featureIndexes;

    /// <summary>Creates a model; every array has one entry per feature name.</summary>
    public GroundingModel(
        IReadOnlyList<string> features,
        IReadOnlyList<double> means,
        IReadOnlyList<double> scales,
        IReadOnlyList<double> weights,
        double bias,
        double threshold)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(weights);
        if (features.Count == 0 || means.Count != features.Count || scales.Count != features.Count || weights.Count != features.Count)
        {
            throw new ArgumentException("A model needs one mean, scale and weight per feature.", nameof(features));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(threshold, 1);
        _featureIndexes = new int[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            var index = IndexOf(features[i]);
            _featureIndexes[i] = index >= 0 ? index : throw new ArgumentException($"Unknown grounding feature '{features[i]}'.", nameof(features));
            if (scales[i] <= 0 || double.IsNaN(scales[i]) || double.IsNaN(weights[i]) || double.IsNaN(means[i]))
            {
                throw new ArgumentException($"Feature '{features[i]}' has an invalid scale or weight.", nameof(scales));
            }
        }

        Features = features.ToArray();
        Means = means.ToArray();
        Scales = scales.ToArray();
        Weights = weights.ToArray();
        Bias = bias;
        Threshold = threshold;
    }

    /// <summary>Every feature the checker can compute, in vector order.</summary>
    public static IReadOnlyList<string> AvailableFeatures => FeatureExtractor.Names;

    /// <summary>The features the model uses.</summary>
    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<double> Means { get; }

    public IReadOnlyList<double> Scales { get; }

    public IReadOnlyList<double> Weights { get; }

    public double Bias { get; }

    /// <summary>A claim whose hallucination probability reaches this is flagged (tuned for response-level F1).</summary>
    public double Threshold { get; }

    /// <summary>How many evidence sentences per claim (best lexical matches) are embedded; 0 embeds all.</summary>
    public int DenseCandidates { get; init; } = 3;

    /// <summary>Whether each dense candidate's next sentence is embedded too, for two-sentence windows.</summary>
    public bool DenseNeighbours { get; init; }

    /// <summary>
    /// A cheaper model over lexical and fact features only. When set, every claim is scored by it first
    /// and only the <see cref="DenseClaimBudget"/> claims it is least sure of are embedded and scored by
    /// this model: MiniLM is the cost of a check.
    /// </summary>
    public GroundingModel? LexicalStage { get; init; }

    /// <summary>How many claims per answer get dense features when there is a <see cref="LexicalStage"/>; negative means all.</summary>
    public int DenseClaimBudget { get; init; } = -1;

    /// <summary>
    /// Only claims whose lexical-stage logit lies within this distance of the lexical threshold's get dense
    /// features; a claim the lexical stage is sure about keeps its lexical verdict. Infinity embeds up to the budget regardless.
    /// </summary>
    public double DenseDoubtBand { get; init; } = double.PositiveInfinity;

    /// <summary>Whether a detected number/negation/name conflict flags a sentence even when the model would not.</summary>
    public bool ConflictsOverride { get; init; } = true;

    /// <summary>
    /// Whether a number or date conflict (the claim gives a number no source gives, where the closest source sentence gives
    /// another) flags a sentence whatever the model and the answer-level gate say. Implied by <see cref="ConflictsOverride"/>.
    /// Numbers are the conflicts precise enough for that; negation and names are weighed by the model.
    /// </summary>
    public bool NumberConflictsOverride { get; init; }

    /// <summary>Whether a conflict of this kind flags a sentence regardless of the model.</summary>
    public bool Overrides(ConflictKind conflict)
        => conflict != ConflictKind.None && (ConflictsOverride || (NumberConflictsOverride && conflict == ConflictKind.Number));

    /// <summary>
    /// The answer-level decision, when the model has one: an answer it clears has no hallucination flags, and an answer
    /// it flags shows at least its worst claim. Null flags an answer when any claim crosses <see cref="Threshold"/>.
    /// </summary>
    public ResponseGate? Gate { get; init; }

    /// <summary>Where and how the model was trained, and its cross-validated scores; informational.</summary>
    public string? Provenance { get; init; }

    /// <summary>The model that ships with the library.</summary>
    public static GroundingModel LoadDefault() => FromJson(EmbeddedResource.ReadText(typeof(GroundingModel).Assembly, ResourceName));

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    public static GroundingModel FromJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        var dto = JsonSerializer.Deserialize<ModelDocument>(json, JsonOptions)
            ?? throw new FormatException("The grounding model JSON is empty.");
        return FromDocument(dto);
    }

    private static GroundingModel FromDocument(ModelDocument dto)
        => new(dto.Features, dto.Means, dto.Scales, dto.Weights, dto.Bias, dto.Threshold)
        {
            DenseCandidates = dto.DenseCandidates,
            DenseNeighbours = dto.DenseNeighbours,
            ConflictsOverride = dto.ConflictsOverride ?? true,
            NumberConflictsOverride = dto.NumberConflictsOverride ?? false,
            Provenance = dto.Provenance,
            LexicalStage = dto.LexicalStage is null ? null : FromDocument(dto.LexicalStage),
            DenseClaimBudget = dto.DenseClaimBudget ?? -1,
            DenseDoubtBand = dto.DenseDoubtBand ?? double.PositiveInfinity,
            Gate = dto.Gate is { } gate ? GateFrom(gate) : null,
        };

    private static ResponseGate GateFrom(GateDocument gate)
        => gate.Features.SequenceEqual(ResponseGate.FeatureNames)
            ? new ResponseGate(gate.Means, gate.Scales, gate.Weights, gate.Bias, gate.Threshold)
            : throw new FormatException($"The model's response gate reads features this version does not compute: {string.Join(", ", gate.Features)}.");

    /// <summary>Writes the model as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(ToDocument(), JsonOptions);

    private ModelDocument ToDocument()
        => new(1, [.. Features], [.. Means], [.. Scales], [.. Weights], Bias, Threshold, DenseCandidates, DenseNeighbours, ConflictsOverride,
            LexicalStage is null ? null : DenseClaimBudget, LexicalStage?.ToDocument(), Provenance,
            double.IsPositiveInfinity(DenseDoubtBand) ? null : DenseDoubtBand,
            NumberConflictsOverride ? true : null,
            Gate is null ? null : new GateDocument([.. ResponseGate.FeatureNames], [.. Gate.Means], [.. Gate.Scales], [.. Gate.Weights], Gate.Bias, Gate.Threshold));

    /// <summary>The probability that a claim with these features (full vector, see <see cref="AvailableFeatures"/>) is hallucinated.</summary>
    public double PredictHallucination(IReadOnlyList<double> allFeatures)
    {
        ArgumentNullException.ThrowIfNull(allFeatures);
        var z = Bias;
        for (var i = 0; i < _featureIndexes.Length; i++)
        {
            z += Weights[i] * ((allFeatures[_featureIndexes[i]] - Means[i]) / Scales[i]);
        }

        return Logistic.Sigmoid(z);
    }

    internal static int IndexOf(string feature)
    {
        for (var i = 0; i < FeatureExtractor.Names.Count; i++)
        {
            if (FeatureExtractor.Names[i] == feature)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record ModelDocument(
        int Version,
        string[] Features,
        double[] Means,
        double[] Scales,
        double[] Weights,
        double Bias,
        double Threshold,
        int DenseCandidates,
        bool DenseNeighbours,
        bool? ConflictsOverride,
        int? DenseClaimBudget,
        ModelDocument? LexicalStage,
        string? Provenance,
        double? DenseDoubtBand = null,
        bool? NumberConflictsOverride = null,
        GateDocument? Gate = null);

    private sealed record GateDocument(string[] Features, double[] Means, double[] Scales, double[] Weights, double Bias, double Threshold);
}
