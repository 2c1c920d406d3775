namespace Chatbot.Knowledge.Chunking;

/// <summary>
/// A passage of a document: the unit that is indexed, retrieved and cited.
/// <see cref="Text"/> is exactly the document's plain text from <see cref="Start"/> to <see cref="End"/>.
/// </summary>
public sealed record KnowledgeChunk
{
    /// <summary><c>{DocumentId}#{Ordinal}</c>: stable while the document's text is unchanged.</summary>
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    /// <summary>Position of the chunk within its document, from 0.</summary>
    public required int Ordinal { get; init; }

    public required string Title { get; init; }

    public required string Url { get; init; }

    public required string Collection { get; init; }

    /// <summary>Headings leading to the chunk, e.g. <c>Training &gt; Mode collapse</c>; empty at the top of a document.</summary>
    public required string Section { get; init; }

    /// <summary>Offset of the first character in the document's plain text.</summary>
    public required int Start { get; init; }

    /// <summary>Offset just past the last character in the document's plain text.</summary>
    public required int End { get; init; }

    public required string Text { get; init; }

    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>For a curated answer, the questions it answers (the main one first); empty for a passage of prose.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>For a passage of prose, the questions its author says its sections answer (doc2query); indexed, never shown.</summary>
    public IReadOnlyList<string> AskedAs { get; init; } = [];

    /// <summary>
    /// Each of <see cref="AskedAs"/> with its vector, spans into the questions joined by line breaks; empty until the
    /// chunk is indexed. Retrieval ranks passages by the question of theirs closest to the message, as a third ranking.
    /// </summary>
    public IReadOnlyList<ChunkSentence> AskVectors { get; init; } = [];

    /// <summary>The chunk's sentences with their spans and vectors, as ingestion stored them; empty until the chunk is indexed.</summary>
    public IReadOnlyList<ChunkSentence> Sentences { get; init; } = [];

    /// <summary>Builds the chunk id for a document and ordinal.</summary>
    public static string CreateId(string documentId, int ordinal) => $"{documentId}#{ordinal}";
}
