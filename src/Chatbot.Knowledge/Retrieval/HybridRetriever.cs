using System.Buffers;
using System.Diagnostics;
using Chatbot.Knowledge.Diagnostics;
using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Indexing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Knowledge.Retrieval;

/// <summary>
/// Finds the passages for a question: BM25 and dense (embedding) candidates from the
/// <see cref="KnowledgeIndex"/>, fused by reciprocal rank (k = 60), optionally within one collection.
/// </summary>
/// <remarks>Thread-safe; queries keep working, on the previous snapshot, while an ingestion runs.</remarks>
public sealed partial class HybridRetriever
{
    private readonly KnowledgeIndex _index;
    private readonly int _defaultTopK;
    private readonly int _candidates;
    private readonly int _maxPerDocument;
    private readonly string? _defaultCollection;
    private readonly ILogger _logger;

    /// <param name="index">The index to search.</param>
    /// <param name="defaultTopK">Passages returned when the call does not say.</param>
    /// <param name="candidates">How many candidates each of BM25 and dense search contributes to the fusion.</param>
    /// <param name="logger">Optional logger.</param>
    /// <param name="maxPerDocument">Most passages one document may contribute (0 = no limit), so the top k covers more sources.</param>
    /// <param name="defaultCollection">The collection searched when a call does not name one; null or <c>all</c> for every collection.</param>
    public HybridRetriever(
        KnowledgeIndex index, int defaultTopK = 5, int candidates = 50, int maxPerDocument = 0, ILogger<HybridRetriever>? logger = null, string? defaultCollection = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(defaultTopK);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, defaultTopK);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerDocument);
        _index = index;
        _maxPerDocument = maxPerDocument;
        _defaultTopK = defaultTopK;
        _candidates = candidates;
        _defaultCollection = defaultCollection;
        _logger = logger ?? NullLogger<HybridRetriever>.Instance;
    }

    /// <summary>The index this retriever searches.</summary>
    public KnowledgeIndex Index => _index;

    /// <summary>Retrieves the best passages for <paramref name="query"/>.</summary>
    /// <param name="query">The user's question or a search string.</param>
    /// <param name="options">Top k and collection filter; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the query embedding.</param>
    /// <returns>Passages, best first; empty for a blank query or an empty index.</returns>
    public async Task<IReadOnlyList<RetrievedPassage>> RetrieveAsync(
        string query, RetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var topK = options?.TopK ?? _defaultTopK;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        using var activity = ChatbotTelemetry.Source.StartActivity("retrieve");
        var started = Stopwatch.GetTimestamp();
        var filter = CollectionFilter(options?.Collection);
        var maxPerDocument = options?.MaxPerDocument ?? _maxPerDocument;
        var candidates = Math.Max(_candidates, topK);
        var keywordRows = ArrayPool<int>.Shared.Rent(candidates);
        var snapshot = _index.AcquireSnapshot();
        Task<int>? keywordSearch = null;
        try
        {
            // BM25 needs no vector: it runs on another core while the model embeds the query.
            keywordSearch = Task.Run(() => _index.SearchKeywords(snapshot, query, filter, keywordRows.AsSpan(0, candidates)), cancellationToken);
            var embedding = await _index.EmbeddingGenerator.GenerateVectorAsync(query, cancellationToken: cancellationToken);
            var vector = embedding.ToArray();
            VectorMatrix.Normalize(vector);
            var keywordCount = await keywordSearch;
            var passages = Fuse(snapshot, keywordRows.AsSpan(0, keywordCount), vector, topK, filter, candidates, maxPerDocument);
            Finished(activity, passages.Count, started);
            return passages;
        }
        finally
        {
            if (keywordSearch is not null)
            {
                // The search reads the snapshot and the buffer: both stay alive until it has finished.
                await ((Task)keywordSearch).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            snapshot.Release();
            ArrayPool<int>.Shared.Return(keywordRows);
        }
    }

    /// <summary>
    /// Retrieves with a query vector the caller already has (the turn's one embedding): BM25 on
    /// <paramref name="query"/>, dense on <paramref name="queryVector"/>. Nothing is embedded.
    /// </summary>
    /// <param name="query">The words to search for.</param>
    /// <param name="queryVector">The query's vector from the index's model; normalized here when it is not unit length.</param>
    /// <param name="options">Top k, collection and per-document cap; null for the defaults.</param>
    public IReadOnlyList<RetrievedPassage> Search(string query, ReadOnlySpan<float> queryVector, RetrievalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (queryVector.Length != _index.Dimensions)
        {
            throw new ArgumentException($"The query vector has {queryVector.Length} dimensions; the index uses {_index.Dimensions}.", nameof(queryVector));
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        using var activity = ChatbotTelemetry.Source.StartActivity("retrieve");
        var started = Stopwatch.GetTimestamp();
        var vector = queryVector.ToArray();
        VectorMatrix.Normalize(vector);
        var passages = Search(query, vector, options?.TopK ?? _defaultTopK, options?.Collection, options?.MaxPerDocument ?? _maxPerDocument);
        Finished(activity, passages.Count, started);
        return passages;
    }

    /// <summary>
    /// The curated answers (FAQ entries) whose question vectors are closest to <paramref name="queryVector"/>, best first,
    /// whatever prose outranks them: an entry competes with the other entries, and the caller decides whether it answers.
    /// </summary>
    /// <remarks>
    /// Each entry's <see cref="RetrievedPassage.DenseScore"/> (and score) is the cosine between
    /// <paramref name="queryVector"/> as given and the entry's questions vector: the closeness the curated matcher's
    /// model was fitted with, so the matcher reads it here rather than computing it again.
    /// </remarks>
    public IReadOnlyList<RetrievedPassage> SearchCurated(ReadOnlySpan<float> queryVector, int topK, string? collection = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        if (queryVector.Length != _index.Dimensions)
        {
            throw new ArgumentException($"The query vector has {queryVector.Length} dimensions; the index uses {_index.Dimensions}.", nameof(queryVector));
        }

        var filter = CollectionFilter(collection);
        var snapshot = _index.AcquireSnapshot();
        try
        {
            var code = filter is null ? -1 : Array.IndexOf(snapshot.CollectionNames, filter);
            if (filter is not null && code < 0)
            {
                return [];
            }

            var best = new List<(int Row, float Score)>();
            foreach (var row in snapshot.CuratedRows)
            {
                if (code >= 0 && snapshot.RowCollections[row] != code)
                {
                    continue;
                }

                best.Add((row, System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(queryVector, snapshot.Matrix.Row(row))));
            }

            return best
                .OrderByDescending(b => b.Score)
                .Take(topK)
                .Select((b, i) => new RetrievedPassage(KnowledgeIndex.ReadChunk(snapshot, b.Row), b.Score)
                {
                    Vector = snapshot.Matrix.Row(b.Row).ToArray(),
                    DenseRank = i + 1,
                    DenseScore = b.Score,
                })
                .ToList();
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>The passage of one chunk by id, with its stored sentences and vector; null when it is not indexed.</summary>
    public RetrievedPassage? GetPassage(string chunkId, double score)
    {
        ArgumentNullException.ThrowIfNull(chunkId);
        var snapshot = _index.AcquireSnapshot();
        try
        {
            return snapshot.TryGetRow(chunkId, out var row)
                ? new RetrievedPassage(KnowledgeIndex.ReadChunk(snapshot, row), score) { Vector = snapshot.Matrix.Row(row).ToArray() }
                : null;
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>Retrieves with a query vector computed by the caller (unit length, the index's model).</summary>
    public IReadOnlyList<RetrievedPassage> Search(
        string query, ReadOnlySpan<float> queryVector, int topK, string? collection = null, int maxPerDocument = 0)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        var filter = CollectionFilter(collection);
        var candidates = Math.Max(_candidates, topK);
        var keywordRows = ArrayPool<int>.Shared.Rent(candidates);
        var snapshot = _index.AcquireSnapshot();
        try
        {
            var keywordCount = _index.SearchKeywords(snapshot, query, filter, keywordRows.AsSpan(0, candidates));
            return Fuse(snapshot, keywordRows.AsSpan(0, keywordCount), queryVector, topK, filter, candidates, maxPerDocument);
        }
        finally
        {
            snapshot.Release();
            ArrayPool<int>.Shared.Return(keywordRows);
        }
    }

    private void Finished(Activity? activity, int passages, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        activity?.SetTag("chatbot.passages", passages);
        ChatbotTelemetry.RetrievalDuration.Record(elapsed);
        Log.Retrieved(_logger, passages, elapsed);
    }

    /// <summary>The collection to keep (lower case), or null for all: the call's, else the retriever's default.</summary>
    private string? CollectionFilter(string? collection)
    {
        var chosen = string.IsNullOrWhiteSpace(collection) ? _defaultCollection : collection;
        return KnowledgeCollections.IsAll(chosen) ? null : chosen!.Trim().ToLowerInvariant();
    }

    /// <summary>Dense search, then reciprocal rank fusion with the BM25 rows, then the top k chunks read.</summary>
    private static List<RetrievedPassage> Fuse(
        IndexSnapshot snapshot, ReadOnlySpan<int> keywordRows, ReadOnlySpan<float> queryVector, int topK, string? filter, int candidates, int maxPerDocument)
    {
        var denseRows = ArrayPool<int>.Shared.Rent(candidates);
        var denseScores = ArrayPool<float>.Shared.Rent(candidates);
        try
        {
            var denseCount = KnowledgeIndex.SearchVectors(snapshot, queryVector, filter, denseRows.AsSpan(0, candidates), denseScores.AsSpan(0, candidates));
            var asked = RankByQuestions(snapshot, queryVector, keywordRows, denseRows.AsSpan(0, denseCount));
            var fused = ReciprocalRankFusion.Fuse(keywordRows, denseRows.AsSpan(0, denseCount), asked, maxPerDocument > 0 ? candidates * 2 : topK);

            var passages = new List<RetrievedPassage>(topK);
            var perDocument = maxPerDocument > 0 ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
            foreach (var entry in fused)
            {
                if (passages.Count == topK)
                {
                    break;
                }

                if (perDocument is not null)
                {
                    var documentId = snapshot.Rows[entry.Item].DocumentId;
                    var taken = perDocument.GetValueOrDefault(documentId);
                    if (taken >= maxPerDocument)
                    {
                        continue;
                    }

                    perDocument[documentId] = taken + 1;
                }

                var chunk = KnowledgeIndex.ReadChunk(snapshot, entry.Item);
                passages.Add(new RetrievedPassage(chunk, entry.Score)
                {
                    Vector = snapshot.Matrix.Row(entry.Item).ToArray(),
                    Bm25Rank = entry.KeywordRank == 0 ? null : entry.KeywordRank,
                    DenseRank = entry.DenseRank == 0 ? null : entry.DenseRank,
                    DenseScore = entry.DenseRank == 0 ? null : denseScores[entry.DenseRank - 1],
                    AsksRank = entry.AsksRank == 0 ? null : entry.AsksRank,
                });
            }

            return passages;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(denseRows);
            ArrayPool<float>.Shared.Return(denseScores);
        }
    }

    /// <summary>
    /// The candidates (the rows either ranking found) ranked again by the better of two closenesses to the query: to the
    /// passage's closest doc2query question, and to the passage itself. A question put the way people ask matches one
    /// of a section's questions better than its text or the average of its questions; a passage without questions (a
    /// pilot's page) is ranked by its text, so that having questions is no advantage in itself. Empty when no passage
    /// of the index has questions.
    /// </summary>
    private static int[] RankByQuestions(IndexSnapshot snapshot, ReadOnlySpan<float> query, ReadOnlySpan<int> keywordRows, ReadOnlySpan<int> denseRows)
    {
        var asks = snapshot.Asks;
        if (asks.IsEmpty)
        {
            return [];
        }

        var total = keywordRows.Length + denseRows.Length;
        var seen = new HashSet<int>(total);
        var ranked = new List<(int Row, float Score)>(total);
        for (var i = 0; i < total; i++)
        {
            var row = i < keywordRows.Length ? keywordRows[i] : denseRows[i - keywordRows.Length];
            if (seen.Add(row))
            {
                var text = System.Numerics.Tensors.TensorPrimitives.Dot(query, snapshot.Matrix.Row(row));
                ranked.Add((row, asks.TryBest(row, query, out var question) ? Math.Max(question, text) : text));
            }
        }

        ranked.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));
        return [.. ranked.Select(r => r.Row)];
    }

    private static partial class Log
    {
        // The query text is not logged: it is user input.
        [LoggerMessage(1, LogLevel.Debug, "Retrieved {Count} passages in {ElapsedMs:F1} ms.")]
        public static partial void Retrieved(ILogger logger, int count, double elapsedMs);
    }
}
