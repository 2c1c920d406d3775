using System.ComponentModel.DataAnnotations;

namespace Chatbot.Knowledge.Retrieval;

/// <summary>Per-call retrieval settings; unset values come from <see cref="KnowledgeOptions"/>.</summary>
public sealed record RetrievalOptions
{
    /// <summary>How many passages to return.</summary>
    [Range(1, 100)]
    public int? TopK { get; init; }

    /// <summary><c>builtin</c>, <c>pilot</c>, or null / <c>all</c> for every collection.</summary>
    public string? Collection { get; init; }

    /// <summary>Most passages one document may contribute; 0 for no limit.</summary>
    [Range(0, 100)]
    public int? MaxPerDocument { get; init; }
}
