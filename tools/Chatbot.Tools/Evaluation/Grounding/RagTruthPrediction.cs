using System.Text.Json.Serialization;

namespace Chatbot.Tools.Evaluation.Grounding;

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
