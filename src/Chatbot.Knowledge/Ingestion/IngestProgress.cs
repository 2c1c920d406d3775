namespace Chatbot.Knowledge.Ingestion;

/// <summary>Progress of an ingestion, for a progress bar: file n of N, the current file, chunks so far.</summary>
public sealed record IngestProgress
{
    public required IngestStage Stage { get; init; }

    /// <summary>1-based number of the file being read (during <see cref="IngestStage.Reading"/>), else the files done.</summary>
    public int FileNumber { get; init; }

    public int FileCount { get; init; }

    /// <summary>The file being read, or null between files.</summary>
    public string? CurrentFile { get; init; }

    /// <summary>Chunks produced by the new or changed files read so far.</summary>
    public int ChunksSoFar { get; init; }

    /// <summary>Chunks embedded so far (during <see cref="IngestStage.Embedding"/>).</summary>
    public int ChunksEmbedded { get; init; }

    /// <summary>Chunks that need a vector computed in this ingestion.</summary>
    public int ChunksToEmbed { get; init; }

    /// <summary>Set when this report announces a file that failed and was skipped.</summary>
    public IngestFailure? Failure { get; init; }
}
