using Chatbot.Knowledge.Chunking;

namespace Chatbot.AI.Prompting;

/// <summary>A numbered source offered to the model; the model cites it as [<paramref name="Number"/>].</summary>
/// <param name="Number">The citation number, from 1.</param>
/// <param name="Title">The document title (and section).</param>
/// <param name="Text">The passage.</param>
public sealed record PromptSource(int Number, string Title, string Text)
{
    /// <summary>The passage's sentences with spans and vectors, as the index stored them; empty for text from elsewhere.</summary>
    public IReadOnlyList<ChunkSentence> Sentences { get; init; } = [];

    /// <summary>True when the passage opens its document (the lead, before any section heading).</summary>
    public bool Opening { get; init; }

    /// <summary>
    /// The collection the passage came from (<see cref="Chatbot.Knowledge.Documents.KnowledgeCollections"/>); a pilot's
    /// pages are written and asked about differently from the articles, and are judged by their own threshold.
    /// </summary>
    public string Collection { get; init; } = Chatbot.Knowledge.Documents.KnowledgeCollections.BuiltIn;

    /// <summary>The passage's own vector (title, section and text), when it came from the index.</summary>
    public ReadOnlyMemory<float> Vector { get; init; }
}
