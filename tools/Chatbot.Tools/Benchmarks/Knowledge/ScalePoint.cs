namespace Chatbot.Tools.Benchmarks.Knowledge;

/// <summary>Measurements at one corpus size of the synthetic scale benchmark.</summary>
public sealed record ScalePoint
{
    public required int Chunks { get; init; }

    /// <summary>Time to write the Lucene index and the vector file and open the searcher (corpus generation excluded).</summary>
    public required TimeSpan BuildTime { get; init; }

    /// <summary>Time for a new process-like instance to load the saved index (no embedding).</summary>
    public required TimeSpan LoadTime { get; init; }

    public required int Queries { get; init; }

    /// <summary>Query latency percentiles in milliseconds: query embedding by the real model + BM25 + dense + fusion + reading the top k.</summary>
    public required double P50Milliseconds { get; init; }

    public required double P95Milliseconds { get; init; }

    public required double MaxMilliseconds { get; init; }

    /// <summary>The query-embedding part of the latency (percentiles of that part alone).</summary>
    public required double EmbeddingP50Milliseconds { get; init; }

    public required double EmbeddingP95Milliseconds { get; init; }

    /// <summary>The search part: BM25 + dense + fusion + reading the top k, without embedding.</summary>
    public required double SearchP50Milliseconds { get; init; }

    public required double SearchP95Milliseconds { get; init; }

    /// <summary>BM25 search alone (timed apart from the query above, same query).</summary>
    public required double KeywordP50Milliseconds { get; init; }

    /// <summary>Dense search alone (timed apart from the query above, same query vector).</summary>
    public required double DenseP50Milliseconds { get; init; }

    /// <summary>Share of the exact (float scan) dense candidates that the dense search returned: 1 when pre-selection loses nothing.</summary>
    public required double DenseAgreementWithExact { get; init; }

    /// <summary>The process's working set after the index was loaded, in bytes.</summary>
    public required long WorkingSetBytes { get; init; }

    /// <summary>Managed heap after a full collection, in bytes.</summary>
    public required long ManagedHeapBytes { get; init; }

    /// <summary>Managed memory the loaded index holds (heap after loading minus before); Lucene's files are memory-mapped on top.</summary>
    public required long IndexHeapBytes { get; init; }

    /// <summary>Size of the index on disk, in bytes.</summary>
    public required long IndexBytesOnDisk { get; init; }
}
