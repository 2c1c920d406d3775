using Chatbot.AI.Extractive;
using Chatbot.Grounding.Model;

namespace Chatbot.AI.Responding;

/// <summary>
/// How likely a FAQ entry is to be the one a message asks: a logistic regression over how close the message is to
/// the entry's questions and to its answer, how far the entry leads the other entries and the best passage of prose,
/// and how many of the message's words the entry holds. A customer asks "can i pay with paypal or only card?", not
/// "Which payment methods do you accept?": the question vectors alone are not enough, and a cosine cut chosen by hand
/// neither carries from one FAQ to the next nor says how sure the match is. Fitted by <c>train curated</c> on
/// development paraphrases of FAQ questions (and messages no entry answers), shipped as an embedded resource.
/// </summary>
public sealed class CuratedMatchModel
{
    private const string ResourceName = "Chatbot.AI.Responding.curated-match.json";

    private readonly StandardizedWeights _weights;

    /// <summary>Creates a model; every list has one entry per name in <see cref="FeatureNames"/>, in that order.</summary>
    public CuratedMatchModel(
        IReadOnlyList<string> features, IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<double> weights, double bias, double threshold, double offerThreshold)
    {
        _weights = new StandardizedWeights(features, FeatureNames, means, scales, weights, bias, "curated match model", "train curated");
        if (!(threshold is >= 0 and <= 1) || !(offerThreshold is >= 0 and <= 1) || offerThreshold > threshold)
        {
            throw new ArgumentException("The curated match model's thresholds must be probabilities, the offer threshold at most the answer threshold.", nameof(threshold));
        }

        Threshold = threshold;
        OfferThreshold = offerThreshold;
    }

    /// <summary>What is measured of a message and one entry, in vector order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "questions",  // cosine of the message and the entry's questions (embedded together)
        "answer",     // the best cosine of the message and a sentence of the entry's answer
        "lead",       // "questions" less the best other source's: another entry or a passage of prose
        "prose",      // "questions" less the best passage of prose found for the message
        "words",      // share of the message's content words found in the entry's questions and answer
        "keyword",    // 1 / the entry's BM25 rank for the message, 0 when BM25 did not find it
    ];

    /// <summary>Each feature's training mean.</summary>
    public IReadOnlyList<double> Means => _weights.Means;

    /// <summary>Each feature's training standard deviation.</summary>
    public IReadOnlyList<double> Scales => _weights.Scales;

    /// <summary>The weight of each standardised feature.</summary>
    public IReadOnlyList<double> Weights => _weights.Weights;

    /// <summary>The intercept.</summary>
    public double Bias => _weights.Bias;

    /// <summary>At or above this probability the entry's answer is given; chosen in training to keep wrong curated answers rare.</summary>
    public double Threshold { get; }

    /// <summary>At or above this probability (and below <see cref="Threshold"/>) an entry is offered as a question to choose.</summary>
    public double OfferThreshold { get; }

    /// <summary>What training reported; informational.</summary>
    public string? Provenance { get; init; }

    /// <summary>The probability that the entry measured by <paramref name="features"/> is the one the message asks.</summary>
    public double Probability(ReadOnlySpan<double> features) => Logistic.Sigmoid(_weights.LogOdds(features));

    /// <summary>The same model with other thresholds (training chooses them after fitting).</summary>
    public CuratedMatchModel WithThresholds(double threshold, double offerThreshold) =>
        new(FeatureNames, _weights.Means, _weights.Scales, _weights.Weights, Bias, threshold, offerThreshold) { Provenance = Provenance };

    /// <summary>The same model with <paramref name="provenance"/> recorded.</summary>
    public CuratedMatchModel WithProvenance(string provenance) =>
        new(FeatureNames, _weights.Means, _weights.Scales, _weights.Weights, Bias, Threshold, OfferThreshold) { Provenance = provenance };

    /// <summary>The model that ships with the library.</summary>
    public static CuratedMatchModel LoadDefault() => FromJson(LogisticModelDocument.ReadResource(ResourceName));

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    public static CuratedMatchModel FromJson(string json)
    {
        var document = LogisticModelDocument.FromJson<Document>(json, "curated match model");
        return new CuratedMatchModel(document.Features, document.Means, document.Scales, document.Weights, document.Bias, document.Threshold, document.OfferThreshold)
        {
            Provenance = document.Provenance,
        };
    }

    /// <summary>The model as indented JSON.</summary>
    public string ToJson() =>
        (LogisticModelDocument.Of<Document>(_weights, FeatureNames, Provenance) with { Threshold = Threshold, OfferThreshold = OfferThreshold }).ToJson();

    /// <summary>The stored model: the weights and, after the intercept, the two thresholds.</summary>
    private sealed record Document : LogisticModelDocument
    {
        public double Threshold { get; init; }

        public double OfferThreshold { get; init; }
    }
}
