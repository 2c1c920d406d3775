using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Grounding;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>
/// The checker's scores on a RAGTruth file, for the hallucinated class: at response level (a
/// response is flagged when any sentence is) and at sentence level (a sentence is hallucinated
/// when it overlaps a labelled span).
/// </summary>
public sealed record RagTruthEvaluation(
    [property: JsonPropertyName("responses")] int Responses,
    [property: JsonPropertyName("hallucinated")] int Hallucinated,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("sentence_precision")] double SentencePrecision,
    [property: JsonPropertyName("sentence_recall")] double SentenceRecall,
    [property: JsonPropertyName("sentence_f1")] double SentenceF1,
    [property: JsonPropertyName("ms_per_response")] double MsPerResponse)
{
    private static readonly JsonSerializerOptions SummaryOptions = new() { WriteIndented = true };

    /// <summary>Lines skipped because they could not be read.</summary>
    [JsonPropertyName("skipped")]
    public IReadOnlyList<RagTruthProblem> Skipped { get; init; } = [];

    /// <summary>Response-level scores per generating model, by model name.</summary>
    [JsonPropertyName("by_model")]
    public IReadOnlyDictionary<string, RagTruthModelScore> ByModel { get; init; } = new Dictionary<string, RagTruthModelScore>();

    /// <summary>
    /// Character-level scores of the words the checker marks in flagged sentences (<see cref="SentenceGrounding.Spans"/>)
    /// against the labelled hallucinated text, over all answers; null when not computed.
    /// </summary>
    [JsonPropertyName("span")]
    public RagTruthSpanScore? Spans { get; init; }

    /// <summary>The same for the flagged sentences taken whole: what a flag covered before it named words.</summary>
    [JsonPropertyName("flagged_sentence_chars")]
    public RagTruthSpanScore? FlaggedSentencesAsSpans { get; init; }

    /// <summary>Span scores within the sentences that are flagged and overlap a label (how well a right flag points at the words).</summary>
    [JsonPropertyName("span_in_right_flags")]
    public RagTruthSpanScore? SpansInRightFlags { get; init; }

    /// <summary>How many sentences were flagged.</summary>
    [JsonPropertyName("flagged_sentences")]
    public int Flagged { get; init; }

    /// <summary>How many flagged sentences name at least one span.</summary>
    [JsonPropertyName("flagged_with_spans")]
    public int FlaggedWithSpans { get; init; }

    /// <summary>One prediction per evaluated response, in file order (not part of the summary JSON).</summary>
    [JsonIgnore]
    public IReadOnlyList<RagTruthPrediction> Predictions { get; init; } = [];

    /// <summary>Builds the scores from predictions.</summary>
    public static RagTruthEvaluation From(IReadOnlyList<RagTruthPrediction> predictions, BinaryCounts sentences, IReadOnlyList<RagTruthProblem> skipped)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(skipped);
        var responses = default(BinaryCounts);
        foreach (var prediction in predictions)
        {
            responses = responses.Add(prediction.Hallucinated, prediction.Predicted);
        }

        var byModel = predictions
            .GroupBy(p => p.Model ?? "unknown", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => RagTruthModelScore.From(g.Aggregate(default(BinaryCounts), (c, p) => c.Add(p.Hallucinated, p.Predicted))), StringComparer.Ordinal);
        var ms = predictions.Count == 0 ? 0 : predictions.Average(p => p.Milliseconds);
        return new RagTruthEvaluation(
            predictions.Count,
            predictions.Count(p => p.Hallucinated),
            Math.Round(responses.Precision, 4),
            Math.Round(responses.Recall, 4),
            Math.Round(responses.F1, 4),
            Math.Round(sentences.Precision, 4),
            Math.Round(sentences.Recall, 4),
            Math.Round(sentences.F1, 4),
            Math.Round(ms, 2))
        {
            Skipped = skipped,
            ByModel = byModel,
            Predictions = predictions,
        };
    }

    /// <summary>A plain-text report: response and sentence scores, then one line per generating model.</summary>
    public string ToReport()
    {
        var builder = new System.Text.StringBuilder();
        builder.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
            $"{Responses} responses ({Hallucinated} hallucinated). Response P {Precision:F3} R {Recall:F3} F1 {F1:F3} | sentence P {SentencePrecision:F3} R {SentenceRecall:F3} F1 {SentenceF1:F3} | {MsPerResponse:F1} ms/response");
        if (Spans is { } spans && FlaggedSentencesAsSpans is { } whole && SpansInRightFlags is { } right)
        {
            builder.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                $"characters: spans {spans.ToShortString()} | whole flagged sentences {whole.ToShortString()} | spans in rightly flagged sentences {right.ToShortString()} | {FlaggedWithSpans} of {Flagged} flagged sentences with spans");
        }

        foreach (var (model, score) in ByModel)
        {
            builder.AppendLine(score.ToLine(model));
        }

        return builder.ToString();
    }

    /// <summary>The summary as JSON: the scores and the skipped lines.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SummaryOptions);
}
