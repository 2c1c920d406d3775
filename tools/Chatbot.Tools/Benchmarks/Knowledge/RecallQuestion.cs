using System.Text.Json.Serialization;

namespace Chatbot.Tools.Benchmarks.Knowledge;

/// <summary>One line of a retrieval evaluation file: a question and the ids of the documents that answer it.</summary>
public sealed record RecallQuestion
{
    [JsonPropertyName("question")]
    public string Question { get; init; } = string.Empty;

    [JsonPropertyName("relevant")]
    public IReadOnlyList<string> Relevant { get; init; } = [];
}
