namespace Chatbot.Knowledge.Indexing;

/// <summary>One atomic change to the index: documents to drop, chunks to add and the new file list.</summary>
internal sealed record IndexUpdate
{
    /// <summary>Drop everything first (a full rebuild).</summary>
    public bool ReplaceAll { get; init; }

    /// <summary>Documents whose chunks are removed (the ids of added chunks' documents are removed too).</summary>
    public IReadOnlyCollection<string> RemovedDocumentIds { get; init; } = [];

    public IReadOnlyList<IndexedChunk> Added { get; init; } = [];

    /// <summary>The complete file list after the change.</summary>
    public required IReadOnlyDictionary<string, ManifestEntry> Files { get; init; }

    public required string ChunkingFingerprint { get; init; }
}
