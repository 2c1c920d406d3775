namespace Chatbot.Knowledge.Indexing;

/// <summary>What the index holds for one source file.</summary>
/// <param name="Path">Full path of the file when it was last read; the manifest's key (<see cref="ManifestKey"/>), not this, identifies it.</param>
/// <param name="ContentHash">SHA-256 of the file's bytes when it was indexed.</param>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Collection">The document's collection.</param>
/// <param name="ChunkCount">How many chunks the document produced.</param>
/// <param name="Root">The folder the file was ingested from when it was last read (its id may derive from the path relative to it), or null for a single file.</param>
public sealed record ManifestEntry(
    string Path, string ContentHash, string DocumentId, string Title, string Collection, int ChunkCount, string? Root);
