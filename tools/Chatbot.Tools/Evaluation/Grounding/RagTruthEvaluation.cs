using System.Text.Json;
using System.Text.Json.Serialization;

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
        foreach (var (model, score) in ByModel)
        {
            builder.AppendLine(score.ToLine(model));
        }

        return builder.ToString();
    }

    /// <summary>The summary as JSON: the scores and the skipped lines.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SummaryOptions);
}
