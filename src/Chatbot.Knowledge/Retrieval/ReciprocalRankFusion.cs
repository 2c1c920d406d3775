namespace Chatbot.Knowledge.Retrieval;

/// <summary>
/// Reciprocal rank fusion: each ranking contributes 1/(k + rank) for every item it holds, so items
/// ranked well by both keyword and dense search rise to the top without calibrating their scores.
/// </summary>
internal static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public readonly record struct Fused(int Item, double Score, int KeywordRank, int DenseRank, int AsksRank = 0);

    /// <summary>Fuses two rankings of item numbers (best first) and returns the best <paramref name="top"/>.</summary>
    /// <returns>Fused items, best first; a rank of 0 means the item was absent from that ranking.</returns>
    public static Fused[] Fuse(ReadOnlySpan<int> keyword, ReadOnlySpan<int> dense, int top, int k = DefaultK) => Fuse(keyword, dense, [], top, k);

    /// <summary>
    /// Fuses the keyword and dense rankings with a third, of passages by the doc2query question closest to the query
    /// (empty when no passage has questions), and returns the best <paramref name="top"/>.
    /// </summary>
    public static Fused[] Fuse(ReadOnlySpan<int> keyword, ReadOnlySpan<int> dense, ReadOnlySpan<int> asks, int top, int k = DefaultK)
    {
        var fused = new Dictionary<int, Fused>(keyword.Length + dense.Length + asks.Length);
        for (var i = 0; i < keyword.Length; i++)
        {
            var item = keyword[i];
            fused.TryGetValue(item, out var entry);
            fused[item] = entry with { Item = item, Score = entry.Score + (1.0 / (k + i + 1)), KeywordRank = i + 1 };
        }

        for (var i = 0; i < dense.Length; i++)
        {
            var item = dense[i];
            fused.TryGetValue(item, out var entry);
            fused[item] = entry with { Item = item, Score = entry.Score + (1.0 / (k + i + 1)), DenseRank = i + 1 };
        }

        for (var i = 0; i < asks.Length; i++)
        {
            var item = asks[i];
            fused.TryGetValue(item, out var entry);
            fused[item] = entry with { Item = item, Score = entry.Score + (1.0 / (k + i + 1)), AsksRank = i + 1 };
        }

        // Ties (same score) go to the better best rank, then to the lower item number, for a stable order.
        return fused.Values
            .OrderByDescending(entry => entry.Score)
            .ThenBy(entry => Math.Min(Math.Min(Rank(entry.KeywordRank), Rank(entry.DenseRank)), Rank(entry.AsksRank)))
            .ThenBy(entry => entry.Item)
            .Take(top)
            .ToArray();
    }

    private static int Rank(int rank) => rank == 0 ? int.MaxValue : rank;
}
