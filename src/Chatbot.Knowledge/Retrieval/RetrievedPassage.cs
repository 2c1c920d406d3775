using System.Diagnostics.CodeAnalysis;
using Chatbot.Knowledge.Chunking;

namespace Chatbot.Knowledge.Retrieval;

/// <summary>A passage found for a query, with what a citation needs and the ranks that explain its place.</summary>
public sealed record RetrievedPassage
{
    /// <summary><c>{DocumentId}#{ordinal}</c>.</summary>
    public required string ChunkId { get; init; }

    public required string DocumentId { get; init; }

    public required string Title { get; init; }

    /// <summary>Heading path within the document; empty at its top.</summary>
    public required string Section { get; init; }

    public required string Url { get; init; }

    public required string Text { get; init; }

    public required string Collection { get; init; }

    /// <summary>Offset of the passage in the document's plain text.</summary>
    public required int Start { get; init; }

    /// <summary>Offset just past the passage in the document's plain text.</summary>
    public required int End { get; init; }

    /// <summary>Reciprocal rank fusion score: the sum of 1/(60 + rank) over the rankings (keyword, dense, and doc2query questions when passages have them).</summary>
    public required double Score { get; init; }

    /// <summary>1-based rank in the BM25 ranking, or null when BM25 did not return the passage.</summary>
    public int? Bm25Rank { get; init; }

    /// <summary>1-based rank in the dense (embedding) ranking, or null when it was not among the candidates.</summary>
    public int? DenseRank { get; init; }

    /// <summary>1-based rank among passages by their doc2query question closest to the query, or null when not ranked so.</summary>
    public int? AsksRank { get; init; }

    /// <summary>Cosine similarity to the query, when the passage was a dense candidate.</summary>
    public float? DenseScore { get; init; }

    /// <summary>The passage's sentences with their spans in <see cref="Text"/> and their vectors, as ingestion stored them.</summary>
    public IReadOnlyList<ChunkSentence> Sentences { get; init; } = [];

    /// <summary>For a curated answer, the questions it answers (the main one first); empty for prose.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>The subjects its document is about (its front matter's <c>topics</c>), which name it as its title does.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The passage's own unit-length vector (title, section and text embedded together), when read from the index.</summary>
    public ReadOnlyMemory<float> Vector { get; init; }

    /// <summary>The passage for <paramref name="chunk"/> with its fused <paramref name="score"/>; the ranks are set by the caller when known.</summary>
    [SetsRequiredMembers]
    public RetrievedPassage(KnowledgeChunk chunk, double score)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ChunkId = chunk.Id;
        DocumentId = chunk.DocumentId;
        Title = chunk.Title;
        Section = chunk.Section;
        Url = chunk.Url;
        Text = chunk.Text;
        Collection = chunk.Collection;
        Start = chunk.Start;
        End = chunk.End;
        Sentences = chunk.Sentences;
        Questions = chunk.Questions;
        Topics = chunk.Topics;
        Score = score;
    }
}
