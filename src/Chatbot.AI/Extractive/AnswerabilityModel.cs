using Chatbot.Grounding.Model;

namespace Chatbot.AI.Extractive;

/// <summary>
/// Whether the retrieved sources answer a question at all: a logistic regression over what ranking found (how
/// likely the best sentence is to answer, how close and how many of the question's words the sources hold). A
/// relevance failure, not a faithfulness one: quoting the nearest sentences of pages that do not cover the question
/// ("do students get a discount?" answered with the restocking fee) would pass the grounding check, since each quote
/// is true of its source. Fitted by <c>train answerability</c> on development questions with answers and without,
/// and shipped as an embedded resource; below <see cref="Threshold"/> the bot says the question is not covered.
/// </summary>
public sealed class AnswerabilityModel
{
    private const string ResourceName = "Chatbot.AI.Extractive.answerability.json";

    /// <summary>Most of the question's words that may be missing from the sources before the count stops growing.</summary>
    private const int MaxMissingWords = 4;

    /// <summary>Most likely sentences counted.</summary>
    private const int MaxConfidentSentences = 6;

    private readonly StandardizedWeights _weights;

    /// <summary>Creates a model; every list has one entry per name in <see cref="FeatureNames"/>, in that order.</summary>
    public AnswerabilityModel(
        IReadOnlyList<string> features, IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<double> weights, double bias, double threshold, double? pilotThreshold = null)
    {
        _weights = new StandardizedWeights(features, FeatureNames, means, scales, weights, bias, "answerability model", "train answerability");
        if (!(threshold is >= 0 and <= 1))
        {
            throw new ArgumentException("The answerability model's threshold must be a probability.", nameof(threshold));
        }

        if (pilotThreshold is { } pilot && !(pilot is >= 0 and <= 1))
        {
            throw new ArgumentException("The answerability model's pilot threshold must be a probability.", nameof(pilotThreshold));
        }

        Threshold = threshold;
        PilotThreshold = pilotThreshold ?? threshold;
    }

    /// <summary>What is measured of a question and its ranked sources, in vector order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "bestRank",       // the ranker's log-odds for the likeliest sentence
        "bestDense",      // the best cosine similarity of question and sentence
        "bestOverlap",    // the largest share of the question's content words in one sentence
        "coverage",       // share of the question's content words found anywhere in the sources (titles included)
        "missingWords",   // how many of the question's content words no source holds (capped)
        "confident",      // how many sentences the ranker gives at least even odds (capped)
    ];

    /// <summary>Each feature's training mean.</summary>
    public IReadOnlyList<double> Means => _weights.Means;

    /// <summary>Each feature's training standard deviation.</summary>
    public IReadOnlyList<double> Scales => _weights.Scales;

    /// <summary>The weight of each standardised feature.</summary>
    public IReadOnlyList<double> Weights => _weights.Weights;

    /// <summary>The intercept.</summary>
    public double Bias => _weights.Bias;

    /// <summary>Below this probability the question counts as not covered; chosen in training to keep false refusals rare.</summary>
    public double Threshold { get; }

    /// <summary>
    /// The threshold for questions whose best source is a pilot's page: customers ask in their own words about pages
    /// written for them, so the features run lower than for the articles, and one threshold for both refuses most
    /// pilot questions or none. Chosen in training on the pilot development questions alone.
    /// </summary>
    public double PilotThreshold { get; }

    /// <summary>What training reported; informational.</summary>
    public string? Provenance { get; init; }

    /// <summary>
    /// The features of a question whose content words are <paramref name="questionWords"/>, given its ranked candidate
    /// sentences: each as (log-odds, dense similarity, overlap, its words with its passage title's).
    /// </summary>
    public static double[] Measure(HashSet<string> questionWords, IReadOnlyList<(double Rank, double Dense, double Overlap, IEnumerable<string> Words)> sentences)
    {
        ArgumentNullException.ThrowIfNull(questionWords);
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0)
        {
            return [-10, 0, 0, 0, Math.Min(MaxMissingWords, questionWords.Count), 0];
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            found.UnionWith(sentence.Words.Where(questionWords.Contains));
        }

        var missing = questionWords.Count - found.Count;
        return
        [
            sentences.Max(s => s.Rank),
            sentences.Max(s => s.Dense),
            sentences.Max(s => s.Overlap),
            questionWords.Count == 0 ? 1 : found.Count / (double)questionWords.Count,
            Math.Min(MaxMissingWords, missing),
            Math.Min(MaxConfidentSentences, sentences.Count(s => Logistic.Sigmoid(s.Rank) >= 0.5)),
        ];
    }

    /// <summary>The probability that sources with <paramref name="features"/> answer the question.</summary>
    public double Probability(ReadOnlySpan<double> features) => Logistic.Sigmoid(_weights.LogOdds(features));

    /// <summary>True when sources with <paramref name="features"/> answer the question.</summary>
    public bool Answers(ReadOnlySpan<double> features, bool pilot = false) => Probability(features) >= (pilot ? PilotThreshold : Threshold);

    /// <summary>The same model with <paramref name="provenance"/> recorded.</summary>
    public AnswerabilityModel WithProvenance(string provenance) => new(FeatureNames, _weights.Means, _weights.Scales, _weights.Weights, Bias, Threshold, PilotThreshold) { Provenance = provenance };

    /// <summary>The same model with <paramref name="pilotThreshold"/> for questions about a pilot's pages.</summary>
    public AnswerabilityModel WithPilotThreshold(double pilotThreshold) => new(FeatureNames, _weights.Means, _weights.Scales, _weights.Weights, Bias, Threshold, pilotThreshold) { Provenance = Provenance };

    /// <summary>The model that ships with the library.</summary>
    public static AnswerabilityModel LoadDefault() => FromJson(LogisticModelDocument.ReadResource(ResourceName));

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    public static AnswerabilityModel FromJson(string json)
    {
        var document = LogisticModelDocument.FromJson<Document>(json, "answerability model");
        return new AnswerabilityModel(document.Features, document.Means, document.Scales, document.Weights, document.Bias, document.Threshold, document.PilotThreshold) { Provenance = document.Provenance };
    }

    /// <summary>The model as indented JSON.</summary>
    public string ToJson() =>
        (LogisticModelDocument.Of<Document>(_weights, FeatureNames, Provenance) with { Threshold = Threshold, PilotThreshold = PilotThreshold }).ToJson();

    /// <summary>The stored model: the weights and, after the intercept, the two thresholds (a model without a pilot threshold uses the other).</summary>
    private sealed record Document : LogisticModelDocument
    {
        public double Threshold { get; init; }

        public double? PilotThreshold { get; init; }
    }
}
