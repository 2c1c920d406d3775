using System.Text.Json.Serialization;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>One flagged sentence of a prediction.</summary>
public sealed record RagTruthFlag(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("labelled")] bool Labelled,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("evidence_source")] int? EvidenceSource,
    [property: JsonPropertyName("evidence")] string? Evidence)
{
    /// <summary>The words the checker marked in the sentence, in response offsets; empty when it flags the sentence as a whole.</summary>
    [JsonPropertyName("spans")]
    public IReadOnlyList<RagTruthMarkedSpan> Spans { get; init; } = [];
}
