using Chatbot.Knowledge.Documents;

namespace Chatbot.Knowledge.Ingestion;

/// <summary>A folder (searched recursively) or a single file to ingest, and the collection its documents join.</summary>
/// <param name="Path">Folder or file.</param>
/// <param name="Collection"><see cref="KnowledgeCollections.BuiltIn"/> or <see cref="KnowledgeCollections.Pilot"/>.</param>
public sealed record IngestSource(string Path, string Collection)
{
    /// <summary>The curated knowledge base folder.</summary>
    public static IngestSource BuiltIn(string path) => new(path, KnowledgeCollections.BuiltIn);

    /// <summary>A pilot folder or file.</summary>
    public static IngestSource Pilot(string path) => new(path, KnowledgeCollections.Pilot);
}
