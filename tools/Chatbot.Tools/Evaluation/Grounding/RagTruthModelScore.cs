using System.Text.Json.Serialization;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>Response-level scores on the answers of one generating model (the part of a RAGTruth id after ':').</summary>
public sealed record RagTruthModelScore(
    [property: JsonPropertyName("responses")] int Responses,
    [property: JsonPropertyName("hallucinated")] int Hallucinated,
    [property: JsonPropertyName("flagged")] int Flagged,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1)
{
    /// <summary>The scores of <paramref name="counts"/>, rounded to four places.</summary>
    public static RagTruthModelScore From(BinaryCounts counts) => new(
        counts.TruePositives + counts.FalsePositives + counts.FalseNegatives + counts.TrueNegatives,
        counts.TruePositives + counts.FalseNegatives,
        counts.TruePositives + counts.FalsePositives,
        Math.Round(counts.Precision, 4),
        Math.Round(counts.Recall, 4),
        Math.Round(counts.F1, 4));

    /// <summary>One line of a report.</summary>
    public string ToLine(string model)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {model,-22} n {Responses,4} halluc {Hallucinated,4} flagged {Flagged,4}  P {Precision:F3} R {Recall:F3} F1 {F1:F3}");
}
