namespace Chatbot.Tools.Benchmarks.Knowledge;

/// <summary>Retrieval quality over an evaluation file.</summary>
public sealed record RecallBenchmarkResult
{
    /// <summary>The files read.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public required int Questions { get; init; }

    public required int K { get; init; }

    /// <summary>Mean over questions of the fraction of relevant documents found among the top k passages' documents.</summary>
    public required double Recall { get; init; }

    /// <summary>Fraction of questions with at least one relevant document in the top k.</summary>
    public required double HitRate { get; init; }

    /// <summary>Mean of 1/rank of the first passage from a relevant document (0 when none in the top k).</summary>
    public required double MeanReciprocalRank { get; init; }

    /// <summary>Median and 95th percentile retrieval time per question, in milliseconds, query embedding included.</summary>
    public required double P50Milliseconds { get; init; }

    public required double P95Milliseconds { get; init; }

    /// <summary>Questions that missed a relevant document.</summary>
    public required IReadOnlyList<RecallMiss> Misses { get; init; }

    /// <summary>Lines that could not be used (invalid JSON, no question) and relevant ids the index does not hold.</summary>
    public required IReadOnlyList<string> Problems { get; init; }
}
