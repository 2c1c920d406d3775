namespace Chatbot.Knowledge.Ingestion;

/// <summary>What an ingestion is doing when it reports progress.</summary>
public enum IngestStage
{
    /// <summary>Finding files and reading the manifest.</summary>
    Scanning,

    /// <summary>Reading, parsing and chunking files (one report per file).</summary>
    Reading,

    /// <summary>Computing vectors for new or changed chunks (one report per batch).</summary>
    Embedding,

    /// <summary>Writing the index.</summary>
    Saving,

    /// <summary>Done.</summary>
    Completed,
}
