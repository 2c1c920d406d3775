using System.Text.Json.Serialization;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>Words of a flagged sentence the checker marked as unbacked, in response offsets.</summary>
public sealed record RagTruthMarkedSpan(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("instead")] string? Instead);
