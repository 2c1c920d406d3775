namespace Chatbot.Knowledge.Ingestion;

/// <summary>What an ingestion did.</summary>
public sealed record IngestResult
{
    /// <summary>Files indexed for the first time.</summary>
    public IReadOnlyList<string> Added { get; init; } = [];

    /// <summary>Files whose content changed and were indexed again.</summary>
    public IReadOnlyList<string> Updated { get; init; } = [];

    /// <summary>Files removed from the index because they no longer exist.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];

    /// <summary>Number of files skipped because their content hash is unchanged.</summary>
    public int Unchanged { get; init; }

    /// <summary>Files that could not be ingested (reported by name; everything else completed).</summary>
    public IReadOnlyList<IngestFailure> Failures { get; init; } = [];

    /// <summary>Chunks written for added and updated files.</summary>
    public int ChunksIndexed { get; init; }

    /// <summary>Chunks whose vector was computed by the model (the others reused a stored vector of the same text).</summary>
    public int ChunksEmbedded { get; init; }

    /// <summary>Sentences of new or changed chunks that were embedded (stored with the chunk; unchanged chunks keep theirs).</summary>
    public int SentencesEmbedded { get; init; }

    /// <summary>Chunks in the index afterwards.</summary>
    public int TotalChunks { get; init; }

    /// <summary>Files in the index afterwards.</summary>
    public int TotalFiles { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>True when the index was written (something was added, updated or removed).</summary>
    public bool Changed => Added.Count + Updated.Count + Removed.Count > 0;
}
