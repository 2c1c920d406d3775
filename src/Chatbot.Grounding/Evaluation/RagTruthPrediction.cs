using System.Text.Json.Serialization;

namespace Chatbot.Grounding.Evaluation;

/// <summary>What the checker said of one RAGTruth response (one line of the --out JSONL).</summary>
public sealed record RagTruthPrediction(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("hallucinated")] bool Hallucinated,
    [property: JsonPropertyName("predicted")] bool Predicted,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("ms")] double Milliseconds,
    [property: JsonPropertyName("sentences")] int Sentences,
    [property: JsonPropertyName("labelled_sentences")] int LabelledSentences,
    [property: JsonPropertyName("flagged")] IReadOnlyList<RagTruthFlag> Flagged);

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
    [property: JsonPropertyName("evidence")] string? Evidence);
