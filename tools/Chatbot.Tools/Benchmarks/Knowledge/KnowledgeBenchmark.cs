using System.Diagnostics;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Retrieval;
using Chatbot.Knowledge.Text;
using Microsoft.Extensions.AI;

namespace Chatbot.Tools.Benchmarks.Knowledge;

/// <summary>
/// Measures retrieval for the CLI's <c>bench</c> and <c>eval</c> commands: recall@k over a JSONL
/// question file against the real index, and build time, query latency and memory at synthetic
/// corpus sizes. Returns results; printing is the caller's job.
/// </summary>
public sealed class KnowledgeBenchmark
{
    /// <summary>The corpus sizes measured when the caller does not say.</summary>
    public static readonly IReadOnlyList<int> DefaultScales = [1_000, 10_000, 100_000];

    private readonly HybridRetriever _retriever;
    private readonly KnowledgeOptions _options;

    public KnowledgeBenchmark(HybridRetriever retriever, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(options);
        _retriever = retriever;
        _options = options;
    }

    /// <summary>The question files at <paramref name="path"/>: every *.jsonl of a folder in name order, or the one file.</summary>
    /// <exception cref="FileNotFoundException">Neither a folder nor a file is there.</exception>
    public static string[] QuestionFiles(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Directory.Exists(path)
            ? Directory.GetFiles(path, "*.jsonl").Order(StringComparer.Ordinal).ToArray()
            : File.Exists(path) ? [Path.GetFullPath(path)] : throw new FileNotFoundException("No question file or folder.", path);
    }

    /// <summary>
    /// Recall@k of the current index over questions in JSONL (<c>{"question": "...", "relevant": ["doc-id", ...]}</c>).
    /// </summary>
    /// <param name="path">A .jsonl file, or a folder whose *.jsonl files are all read.</param>
    /// <param name="k">Passages retrieved per question.</param>
    /// <param name="collection">Optional collection filter.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<RecallBenchmarkResult> MeasureRecallAsync(
        string path, int k = 5, string? collection = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);

        var files = QuestionFiles(path);

        var (questions, problems) = await JsonLines.ReadAsync<RecallQuestion>(
            files,
            question => string.IsNullOrWhiteSpace(question.Question) || question.Relevant.Count == 0 ? "needs a question and at least one relevant document id." : null,
            cancellationToken: cancellationToken);

        _retriever.Index.EnsureLoaded();
        var known = _retriever.Index.Manifest.Files.Values.Select(entry => entry.DocumentId).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in questions.SelectMany(question => question.Relevant).Where(id => !known.Contains(id)).Distinct().Order(StringComparer.Ordinal))
        {
            problems.Add($"relevant document id '{unknown}' is not in the index.");
        }

        var options = new RetrievalOptions { TopK = k, Collection = collection };
        var latencies = new double[questions.Count];
        var misses = new List<RecallMiss>();
        double recallSum = 0, hits = 0, reciprocalRankSum = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            var started = Stopwatch.GetTimestamp();
            var passages = await _retriever.RetrieveAsync(question.Question, options, cancellationToken);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            var retrieved = passages.Select(passage => passage.DocumentId).ToList();
            var relevant = question.Relevant.ToHashSet(StringComparer.Ordinal);
            var found = relevant.Count(retrieved.Contains);
            recallSum += (double)found / relevant.Count;
            var firstRank = retrieved.FindIndex(relevant.Contains);
            if (firstRank >= 0)
            {
                hits++;
                reciprocalRankSum += 1.0 / (firstRank + 1);
            }

            if (found < relevant.Count)
            {
                misses.Add(new RecallMiss(question.Question, question.Relevant, retrieved));
            }
        }

        var count = Math.Max(1, questions.Count);
        return new RecallBenchmarkResult
        {
            Files = files,
            Questions = questions.Count,
            K = k,
            Recall = recallSum / count,
            HitRate = hits / count,
            MeanReciprocalRank = reciprocalRankSum / count,
            P50Milliseconds = Percentile(latencies, 0.50),
            P95Milliseconds = Percentile(latencies, 0.95),
            Misses = misses,
            Problems = problems,
        };
    }

    /// <summary>
    /// Builds a throw-away index of each size from a synthetic corpus and measures build time, load
    /// time, query latency and memory. See <see cref="ScaleBenchmarkResult.Method"/> for how vectors
    /// and queries are made. Uses a temporary folder that is deleted afterwards.
    /// </summary>
    /// <param name="chunkCounts">Corpus sizes; <see cref="DefaultScales"/> when null.</param>
    /// <param name="queriesPerSize">Timed queries per size (after a short warm-up).</param>
    /// <param name="progress">Receives one line per step, for the console.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<ScaleBenchmarkResult> MeasureScaleAsync(
        IReadOnlyList<int>? chunkCounts = null,
        int queriesPerSize = 200,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        chunkCounts ??= DefaultScales;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queriesPerSize);
        if (chunkCounts.Any(count => count <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(chunkCounts), "Corpus sizes must be positive.");
        }

        var generator = _retriever.Index.EmbeddingGenerator;
        var dimensions = _retriever.Index.Dimensions;
        var work = Path.Combine(Path.GetTempPath(), $"chatbot-knowledge-bench-{Guid.NewGuid():N}");
        var points = new List<ScalePoint>();
        try
        {
            foreach (var size in chunkCounts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var folder = Path.Combine(work, size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var corpus = new SyntheticCorpus(seed: size);

                var buildTime = BuildSyntheticIndex(folder, corpus, size, generator, dimensions, progress);

                progress?.Report($"{size:N0} chunks: loading the saved index");
                var heapBeforeLoad = GC.GetTotalMemory(forceFullCollection: true);
                var started = Stopwatch.GetTimestamp();
                using var index = new KnowledgeIndex(folder, generator);
                index.EnsureLoaded();
                var loadTime = Stopwatch.GetElapsedTime(started);
                var indexHeap = GC.GetTotalMemory(forceFullCollection: true) - heapBeforeLoad;

                progress?.Report($"{size:N0} chunks: {queriesPerSize} queries");
                var retriever = new HybridRetriever(index, _options.TopK, _options.CandidateCount, _options.MaxPassagesPerDocument);
                for (var i = 0; i < 10; i++)
                {
                    await retriever.RetrieveAsync(corpus.Query(), cancellationToken: cancellationToken);
                }

                // The timed region is what the product runs per question: RetrieveAsync (the query
                // embedding overlapped with BM25, then dense search, fusion and reading the top k).
                // The parts are then timed apart on the same query, to show where the time goes.
                var latencies = new double[queriesPerSize];
                var embedding = new double[queriesPerSize];
                var search = new double[queriesPerSize];
                var keyword = new double[queriesPerSize];
                var dense = new double[queriesPerSize];
                var keywordRows = new int[_options.CandidateCount];
                var denseRows = new int[_options.CandidateCount];
                var denseScores = new float[_options.CandidateCount];
                var exactRows = new int[_options.CandidateCount];
                var exactScores = new float[_options.CandidateCount];
                var denseAgreement = 0.0;
                VectorMatrix exactMatrix;
                {
                    var snapshot = index.AcquireSnapshot();
                    exactMatrix = new VectorMatrix(snapshot.Matrix.Data, dimensions, quantizeFrom: int.MaxValue);
                    snapshot.Release();
                }

                for (var i = 0; i < queriesPerSize; i++)
                {
                    var query = corpus.Query();
                    var queryStarted = Stopwatch.GetTimestamp();
                    await retriever.RetrieveAsync(query, cancellationToken: cancellationToken);
                    latencies[i] = Stopwatch.GetElapsedTime(queryStarted).TotalMilliseconds;

                    var embeddingStarted = Stopwatch.GetTimestamp();
                    var vector = (await generator.GenerateVectorAsync(query, cancellationToken: cancellationToken)).ToArray();
                    VectorMatrix.Normalize(vector);
                    var embedded = Stopwatch.GetTimestamp();
                    retriever.Search(query, vector, _options.TopK, collection: null, _options.MaxPassagesPerDocument);
                    var done = Stopwatch.GetTimestamp();
                    embedding[i] = Stopwatch.GetElapsedTime(embeddingStarted, embedded).TotalMilliseconds;
                    search[i] = Stopwatch.GetElapsedTime(embedded, done).TotalMilliseconds;

                    var snapshot = index.AcquireSnapshot();
                    try
                    {
                        var keywordStarted = Stopwatch.GetTimestamp();
                        index.SearchKeywords(snapshot, query, collection: null, keywordRows);
                        var denseStarted = Stopwatch.GetTimestamp();
                        KnowledgeIndex.SearchVectors(snapshot, vector, collection: null, denseRows, denseScores);
                        keyword[i] = Stopwatch.GetElapsedTime(keywordStarted, denseStarted).TotalMilliseconds;
                        dense[i] = Stopwatch.GetElapsedTime(denseStarted).TotalMilliseconds;

                        // How many of the exact top candidates the 8-bit pre-selection found.
                        var exactCount = exactMatrix.Search(vector, exactRows, exactScores, RowFilter.All);
                        denseAgreement += exactCount == 0 ? 1 : (double)exactRows.AsSpan(0, exactCount).ToArray().Intersect(denseRows).Count() / exactCount;
                    }
                    finally
                    {
                        snapshot.Release();
                    }
                }

                var managed = GC.GetTotalMemory(forceFullCollection: true);
                using var process = Process.GetCurrentProcess();
                points.Add(new ScalePoint
                {
                    Chunks = size,
                    BuildTime = buildTime,
                    LoadTime = loadTime,
                    Queries = queriesPerSize,
                    P50Milliseconds = Percentile(latencies, 0.50),
                    P95Milliseconds = Percentile(latencies, 0.95),
                    MaxMilliseconds = latencies.Max(),
                    EmbeddingP50Milliseconds = Percentile(embedding, 0.50),
                    EmbeddingP95Milliseconds = Percentile(embedding, 0.95),
                    SearchP50Milliseconds = Percentile(search, 0.50),
                    SearchP95Milliseconds = Percentile(search, 0.95),
                    KeywordP50Milliseconds = Percentile(keyword, 0.50),
                    DenseP50Milliseconds = Percentile(dense, 0.50),
                    DenseAgreementWithExact = denseAgreement / queriesPerSize,
                    WorkingSetBytes = process.WorkingSet64,
                    ManagedHeapBytes = managed,
                    IndexHeapBytes = indexHeap,
                    IndexBytesOnDisk = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length),
                });
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }

        return new ScaleBenchmarkResult
        {
            ModelId = _retriever.Index.ModelId,
            Dimensions = dimensions,
            ProcessorCount = Environment.ProcessorCount,
            Points = points,
        };
    }

    /// <summary>
    /// Generates the corpus and writes the index; a method of its own so the corpus is garbage the
    /// moment it returns (the memory measured afterwards is the loaded index's, not the corpus's).
    /// </summary>
    /// <returns>The time to write the index (corpus generation excluded).</returns>
    private static TimeSpan BuildSyntheticIndex(
        string folder, SyntheticCorpus corpus, int size, IEmbeddingGenerator<string, Embedding<float>> generator, int dimensions, IProgress<string>? progress)
    {
        progress?.Report($"{size:N0} chunks: generating the corpus");
        // As ingestion stores them: each chunk's sentences, split by the product's splitter, with a vector each.
        var chunks = corpus.Chunks(size)
            .Select((chunk, i) => new IndexedChunk(chunk with { Sentences = SentencesOf(chunk, corpus, dimensions) }, corpus.UnitVector(dimensions), (ulong)i))
            .ToList();

        progress?.Report($"{size:N0} chunks: building the index");
        var started = Stopwatch.GetTimestamp();
        using var builder = new KnowledgeIndex(folder, generator);
        builder.Apply(new IndexUpdate
        {
            ReplaceAll = true,
            Added = chunks,
            Files = new Dictionary<string, ManifestEntry>(),
            ChunkingFingerprint = "synthetic",
        });
        return Stopwatch.GetElapsedTime(started);
    }

    private static ChunkSentence[] SentencesOf(KnowledgeChunk chunk, SyntheticCorpus corpus, int dimensions) =>
        SentenceSplitter.Default.Split(chunk.Text).Select(s => new ChunkSentence(s.Start, s.Length, s.Text, corpus.UnitVector(dimensions))).ToArray();

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] values, double fraction)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
