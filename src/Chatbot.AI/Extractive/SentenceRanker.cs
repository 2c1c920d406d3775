namespace Chatbot.AI.Extractive;

/// <summary>
/// The learned part of the extractive composer: a logistic regression that scores how likely a source
/// sentence is to hold what the question asks, from the features in <see cref="FeatureNames"/>. Hand-set
/// weights fitted the questions they were tuned on and scored 0.80 on fresh ones; these are fitted on
/// question sets with key facts by <c>train ranker</c> and shipped as an embedded resource.
/// </summary>
public sealed class SentenceRanker
{
    private const string ResourceName = "Chatbot.AI.Extractive.sentence-ranker.json";

    private readonly StandardizedWeights _weights;

    /// <summary>Creates a ranker; every list has one entry per name in <see cref="FeatureNames"/>, in that order.</summary>
    public SentenceRanker(IReadOnlyList<string> features, IReadOnlyList<double> means, IReadOnlyList<double> scales, IReadOnlyList<double> weights, double bias) =>
        _weights = new StandardizedWeights(features, FeatureNames, means, scales, weights, bias, "ranker", "train ranker");

    /// <summary>What the composer measures of each sentence, in vector order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "dense",            // cosine similarity of question and sentence (MiniLM)
        "overlap",          // share of the question's content words in the sentence
        "rareOverlap",      // the same, each word weighted by how rare it is among the candidate sentences
        "titleOverlap",     // share of the question's content words in the passage title
        "passageRank",      // 1 / the passage's retrieval rank
        "position",         // 1 / (1 + the sentence's index in its passage)
        "answerType",       // the question asks when/who/how many/why/which paper and the sentence holds that kind of answer
        "defines",          // "what is X?" and the sentence defines X
        "namesSubject",     // share of the names in the question that the sentence (or its context) mentions
        "short",            // how far the sentence falls short of nine words
        "long",             // how far it runs past thirty words
        "passageBest",      // the best dense similarity of any sentence in the same passage
        "previousDense",    // the dense similarity of the one or two sentences before it in the passage
        "explainsAfter",    // previousDense, for a how/why question only
        "pronoun",          // the sentence opens with a pronoun
        "specific",         // how many names, dates and amounts it holds (capped)
        "denseGap",         // dense, less the best dense similarity among the candidates (a question's scores are relative)
        "rareGap",          // rareOverlap, less the best among the candidates
        "afterBest",        // it comes one or two sentences after the sentence most similar to the question
        "explainsAfterBest", // afterBest, for a how/why question only
        "explainsSpecific", // specific, for a how/why question only
        "typedAboutSubject", // answerType times namesSubject: the kind of answer asked for, about what the question names
    ];

    /// <summary>Each feature's training mean, subtracted before weighing.</summary>
    public IReadOnlyList<double> Means => _weights.Means;

    /// <summary>Each feature's training standard deviation, divided by before weighing.</summary>
    public IReadOnlyList<double> Scales => _weights.Scales;

    /// <summary>The weight of each standardised feature.</summary>
    public IReadOnlyList<double> Weights => _weights.Weights;

    /// <summary>The intercept.</summary>
    public double Bias => _weights.Bias;

    /// <summary>What training reported: data, cross-validated key-fact rate; informational.</summary>
    public string? Provenance { get; init; }

    /// <summary>The same ranker, with <paramref name="provenance"/> recorded.</summary>
    public SentenceRanker WithProvenance(string provenance) => new(FeatureNames, _weights.Means, _weights.Scales, _weights.Weights, Bias) { Provenance = provenance };

    /// <summary>The log-odds that a sentence with <paramref name="features"/> holds the answer.</summary>
    public double Score(ReadOnlySpan<double> features) => _weights.LogOdds(features);

    /// <summary>The ranker that ships with the library.</summary>
    public static SentenceRanker LoadDefault() => FromJson(LogisticModelDocument.ReadResource(ResourceName));

    /// <summary>Reads a ranker written by <see cref="ToJson"/>.</summary>
    public static SentenceRanker FromJson(string json)
    {
        var document = LogisticModelDocument.FromJson<LogisticModelDocument>(json, "sentence ranker");
        return new SentenceRanker(document.Features, document.Means, document.Scales, document.Weights, document.Bias) { Provenance = document.Provenance };
    }

    /// <summary>The ranker as indented JSON.</summary>
    public string ToJson() => LogisticModelDocument.Of<LogisticModelDocument>(_weights, FeatureNames, Provenance).ToJson();
}
