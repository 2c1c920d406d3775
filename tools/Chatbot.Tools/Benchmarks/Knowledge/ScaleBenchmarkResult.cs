namespace Chatbot.Tools.Benchmarks.Knowledge;

/// <summary>Build time, query latency and memory of the index at several synthetic corpus sizes.</summary>
public sealed record ScaleBenchmarkResult
{
    /// <summary>How the corpus and the queries were made; print it with the numbers.</summary>
    public const string Method =
        "Synthetic corpus: pseudo-text chunks from a Zipf-distributed vocabulary, with RANDOM unit vectors " +
        "(embedding 100k chunks with the model would take 15+ minutes). Every QUERY is embedded by the real " +
        "embedding model inside the timed region, then BM25 + dense search + reciprocal rank fusion + reading the top k.";

    public required string ModelId { get; init; }

    public required int Dimensions { get; init; }

    public required int ProcessorCount { get; init; }

    public required IReadOnlyList<ScalePoint> Points { get; init; }

    /// <summary>See <see cref="Method"/>.</summary>
    public string Description => Method;
}
