using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Embeddings;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// The hybrid index: BM25 over chunk text with Lucene.Net (English analyzer with Porter stemming)
/// and dense vectors in one contiguous matrix, persisted together under <see cref="IndexPath"/>
/// (<c>lucene/</c>, <c>vectors.bin</c>, <c>manifest.json</c>) and tied by a generation number.
/// </summary>
/// <remarks>
/// Thread-safe: any number of queries run against an immutable snapshot while one ingestion at a
/// time prepares the next snapshot, which is swapped in atomically after it has been committed.
/// Loading from disk never computes embeddings.
/// </remarks>
public sealed partial class KnowledgeIndex : IDisposable
{
    private const string GenerationKey = "generation";
    private const string VectorFileName = "vectors.bin";
    private const string ManifestFileName = "manifest.json";
    private const string PendingSuffix = ".pending";
    private const int MaxQueryTerms = 48;

    /// <summary>
    /// What the saved files hold. 2: each chunk also stores its sentences' spans and vectors. An index of an
    /// older format loads as empty and is rebuilt, since its chunks would have no sentences to answer from.
    /// </summary>
    internal const int Format = 2;

    /// <summary>A query term in more than this share of the chunks counts as common (see <see cref="BuildKeywordQuery"/>).</summary>
    private const double CommonTermRatio = 0.25;

    /// <summary>Weight of a term found in a passage's doc2query questions, relative to its text.</summary>
    private const float AsksBoost = 1.0f;

    /// <summary>Shortest (stemmed) unknown query term that is matched by near spellings; shorter ones have too many neighbours.</summary>
    private const int MinFuzzyTermLength = 4;

    /// <summary>Below this many chunks every term is searched: the lists are short and each term still helps the ranking.</summary>
    private const int CommonTermsFromChunks = 2_000;

    private readonly ILogger _logger;
    private readonly Analyzer _analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
    private readonly SemaphoreSlim _updateLock = new(1, 1);
    private readonly System.Threading.Lock _loadLock = new();
    private LuceneDirectory? _directory;
    private IndexSnapshot? _snapshot;
    private bool _disposed;

    /// <param name="indexPath">Folder the index is stored in; created on first write.</param>
    /// <param name="embeddingGenerator">The model that computes chunk and query vectors; its metadata names the model and dimensions.</param>
    /// <param name="logger">Optional logger.</param>
    public KnowledgeIndex(
        string indexPath,
        IEmbeddingGenerator<string, Embedding<float>> embeddingGenerator,
        ILogger<KnowledgeIndex>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexPath);
        ArgumentNullException.ThrowIfNull(embeddingGenerator);

        IndexPath = Path.GetFullPath(indexPath);
        EmbeddingGenerator = embeddingGenerator;
        var metadata = embeddingGenerator.GetService<EmbeddingGeneratorMetadata>();
        ModelId = metadata?.DefaultModelId ?? MiniLmEmbeddingGenerator.ModelId;
        Dimensions = metadata?.DefaultModelDimensions ?? MiniLmEmbeddingGenerator.Dimensions;
        _logger = logger ?? NullLogger<KnowledgeIndex>.Instance;
    }

    public string IndexPath { get; }

    public IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator { get; }

    /// <summary>The embedding model the vectors belong to; a saved index of another model is rebuilt.</summary>
    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>Chunks currently searchable.</summary>
    public int ChunkCount => Current.Count;

    /// <summary>The indexed files as of the current snapshot.</summary>
    public IndexManifest Manifest => Current.Manifest;

    /// <summary>True while nothing has been indexed (no saved index, or one that had to be discarded).</summary>
    public bool IsEmpty => Current.Manifest.Files.Count == 0 && Current.Count == 0;

    private IndexSnapshot Current
    {
        get
        {
            EnsureLoaded();
            return Volatile.Read(ref _snapshot)!;
        }
    }

    /// <summary>
    /// Loads the saved index if there is one (once; later calls return at once). A missing,
    /// inconsistent or other-model index loads as empty, to be rebuilt by ingestion.
    /// </summary>
    public void EnsureLoaded()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _snapshot) is not null)
        {
            return;
        }

        lock (_loadLock)
        {
            if (_snapshot is not null)
            {
                return;
            }

            System.IO.Directory.CreateDirectory(IndexPath);
            _directory = FSDirectory.Open(new DirectoryInfo(Path.Combine(IndexPath, "lucene")));
            var snapshot = TryLoad(_directory) ?? IndexSnapshot.Empty(EmptyManifest(), Dimensions);
            Volatile.Write(ref _snapshot, snapshot);
        }
    }

    /// <summary>Reads one chunk by id, or null when it is not indexed.</summary>
    public KnowledgeChunk? GetChunk(string chunkId)
    {
        ArgumentNullException.ThrowIfNull(chunkId);
        var snapshot = AcquireSnapshot();
        try
        {
            return snapshot.TryGetRow(chunkId, out var row) ? ReadChunk(snapshot, row) : null;
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>
    /// Picks up a newer generation that another process committed to the same folder (an <c>ingest</c>
    /// run from the command line while the bot is serving) and swaps it in. A commit whose writer is
    /// still renaming its files is left for the next call, and so is everything while this instance's
    /// own ingestion is writing.
    /// </summary>
    /// <returns>True when a newer snapshot was swapped in.</returns>
    public bool ReloadIfChanged()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnsureLoaded();
        if (!_updateLock.Wait(0))
        {
            return false;
        }

        try
        {
            return ReloadHoldingUpdateLock();
        }
        finally
        {
            _updateLock.Release();
        }
    }

    /// <summary>The body of <see cref="ReloadIfChanged"/>, for a caller that holds the update lock.</summary>
    private bool ReloadHoldingUpdateLock()
    {
        var current = AcquireSnapshot();
        DirectoryReader? reader = null;
        try
        {
            reader = current.Reader is null
                ? DirectoryReader.IndexExists(_directory!) ? DirectoryReader.Open(_directory!) : null
                : DirectoryReader.OpenIfChanged(current.Reader);
            if (reader is null)
            {
                return false;
            }

            var snapshot = Load(reader, completeInterruptedCommit: false);
            reader = null;
            if (snapshot is null || snapshot.Manifest.Generation <= current.Manifest.Generation)
            {
                snapshot?.Release();
                return false;
            }

            Interlocked.Exchange(ref _snapshot, snapshot)?.Release();
            Log.IndexReloaded(_logger, snapshot.Manifest.Generation, snapshot.Count);
            return true;
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            // Most likely a commit caught between its Lucene commit and its file renames: try again later.
            reader?.Dispose();
            Log.ReloadDeferred(_logger, ex.Message);
            return false;
        }
        finally
        {
            current.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Interlocked.Exchange(ref _snapshot, null)?.Release();
        _directory?.Dispose();
        _analyzer.Dispose();
        _updateLock.Dispose();
    }

    /// <summary>Gets the current snapshot with a reference held; the caller must <see cref="IndexSnapshot.Release"/> it.</summary>
    internal IndexSnapshot AcquireSnapshot()
    {
        while (true)
        {
            var snapshot = Current;
            if (snapshot.TryAcquire())
            {
                return snapshot;
            }

            // Swapped out and closed between the read and the acquire: read the new one.
            ObjectDisposedException.ThrowIf(_disposed, this);
        }
    }

    /// <summary>The file whose exclusive lock marks an update in progress, shared by every process that writes the index.</summary>
    public const string UpdateLockFile = "update.lock";

    /// <summary>How long a writer waits for another process's update before it gives up (<see cref="BeginUpdateAsync"/>).</summary>
    public TimeSpan UpdateLockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Serializes writers: one ingestion at a time, in this process and across processes that share the index folder
    /// (several instances, an <c>ingest</c> job), prepares and applies an update. A writer that finds another's
    /// update in progress waits for it, then builds on the generation it wrote.
    /// </summary>
    /// <exception cref="TimeoutException">Another process held the index for longer than <see cref="UpdateLockTimeout"/>.</exception>
    internal async Task<IDisposable> BeginUpdateAsync(CancellationToken cancellationToken)
    {
        EnsureLoaded();
        await _updateLock.WaitAsync(cancellationToken);
        try
        {
            var file = await LockAcrossProcessesAsync(cancellationToken);

            // Another process may have written a generation while this one waited: update from the latest.
            ReloadHoldingUpdateLock();
            return new UpdateLease(_updateLock, file);
        }
        catch
        {
            _updateLock.Release();
            throw;
        }
    }

    private async Task<FileStream> LockAcrossProcessesAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(IndexPath);
        var path = Path.Combine(IndexPath, UpdateLockFile);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var logged = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < UpdateLockTimeout)
            {
                if (!logged)
                {
                    Log.WaitingForUpdate(_logger, IndexPath);
                    logged = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (IOException exception)
            {
                throw new TimeoutException(
                    $"Another process has been updating the knowledge index at {IndexPath} for over {UpdateLockTimeout.TotalMinutes:0.#} minutes ({path} is locked). Run the ingest again when it has finished.",
                    exception);
            }
        }
    }

    /// <summary>The stored vector of a row (for reuse when the same text is indexed again).</summary>
    internal static float[] CopyVector(IndexSnapshot snapshot, int row) => snapshot.Matrix.Row(row).ToArray();

    /// <summary>BM25 search; writes matching rows, best first, and returns how many.</summary>
    internal int SearchKeywords(IndexSnapshot snapshot, string query, string? collection, Span<int> rows)
    {
        if (snapshot.Searcher is null || rows.Length == 0)
        {
            return 0;
        }

        var luceneQuery = BuildKeywordQuery(query, snapshot.Reader!);
        if (luceneQuery is null)
        {
            return 0;
        }

        Filter? filter = null;
        if (collection is not null)
        {
            if (Array.IndexOf(snapshot.CollectionNames, collection) < 0)
            {
                return 0;
            }

            filter = new QueryWrapperFilter(new TermQuery(new Term(LuceneFields.Collection, collection)));
        }

        var hits = snapshot.Searcher.Search(luceneQuery, filter, rows.Length).ScoreDocs;
        var count = 0;
        foreach (var hit in hits)
        {
            var row = snapshot.RowByLuceneDoc[hit.Doc];
            if (row >= 0)
            {
                rows[count++] = row;
            }
        }

        return count;
    }

    /// <summary>Dense search by cosine similarity; writes rows and scores, best first, and returns how many.</summary>
    internal static int SearchVectors(IndexSnapshot snapshot, ReadOnlySpan<float> query, string? collection, Span<int> rows, Span<float> scores)
    {
        var filter = RowFilter.All;
        if (collection is not null)
        {
            var code = Array.IndexOf(snapshot.CollectionNames, collection);
            if (code < 0)
            {
                return 0;
            }

            filter = RowFilter.Collection(snapshot.RowCollections, (byte)code);
        }

        return snapshot.Matrix.Search(query, rows, scores, filter);
    }

    internal static KnowledgeChunk ReadChunk(IndexSnapshot snapshot, int row) =>
        LuceneChunkMapper.ToChunk(snapshot.Searcher!.Doc(snapshot.LuceneDocByRow[row]));

    /// <summary>
    /// Writes an update (Lucene commit, vector file, manifest) and swaps in the new snapshot.
    /// Call inside <see cref="BeginUpdateAsync"/>. On failure the index is left as it was.
    /// </summary>
    internal void Apply(IndexUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var old = Current;

        var removed = new HashSet<string>(update.RemovedDocumentIds, StringComparer.Ordinal);
        foreach (var added in update.Added)
        {
            removed.Add(added.Chunk.DocumentId);
        }

        // The new matrix: kept rows copied in order, then the added rows.
        var replaceAll = update.ReplaceAll || old.Reader is null;
        var rows = new List<VectorRow>(old.Count + update.Added.Count);
        var keptRows = new List<int>(old.Count);
        if (!replaceAll)
        {
            for (var row = 0; row < old.Count; row++)
            {
                if (!removed.Contains(old.Rows[row].DocumentId))
                {
                    keptRows.Add(row);
                    rows.Add(old.Rows[row]);
                }
            }
        }

        var data = new float[checked((keptRows.Count + update.Added.Count) * Dimensions)];
        var target = 0;
        foreach (var row in keptRows)
        {
            old.Matrix.Row(row).CopyTo(data.AsSpan(target, Dimensions));
            target += Dimensions;
        }

        foreach (var added in update.Added)
        {
            if (added.Vector.Length != Dimensions)
            {
                throw new InvalidOperationException($"Chunk '{added.Chunk.Id}' has a {added.Vector.Length}-dimensional vector; the index uses {Dimensions}.");
            }

            added.Vector.CopyTo(data.AsSpan(target, Dimensions));
            VectorMatrix.Normalize(data.AsSpan(target, Dimensions));
            target += Dimensions;
            rows.Add(new VectorRow(added.Chunk.Id, added.Chunk.DocumentId, added.Chunk.Collection, added.TextHash));
        }

        var matrix = new VectorMatrix(data, Dimensions);
        var manifest = new IndexManifest
        {
            Generation = old.Manifest.Generation + 1,
            Format = Format,
            ModelId = ModelId,
            Dimensions = Dimensions,
            ChunkingFingerprint = update.ChunkingFingerprint,
            UpdatedAt = DateTimeOffset.UtcNow,
            Files = new SortedDictionary<string, ManifestEntry>(update.Files.ToDictionary(), StringComparer.Ordinal),
        };

        var vectorPath = Path.Combine(IndexPath, VectorFileName);
        var manifestPath = Path.Combine(IndexPath, ManifestFileName);
        System.IO.Directory.CreateDirectory(IndexPath);
        VectorFile.Write(vectorPath + PendingSuffix, manifest.Generation, ModelId, rows, matrix);
        manifest.Write(manifestPath + PendingSuffix);

        CommitLucene(update, removed, replaceAll, manifest.Generation);

        // Lucene has committed this generation: the pending files are now the truth.
        File.Move(vectorPath + PendingSuffix, vectorPath, overwrite: true);
        File.Move(manifestPath + PendingSuffix, manifestPath, overwrite: true);

        var snapshot = IndexSnapshot.Create(DirectoryReader.Open(_directory!), [.. rows], matrix, manifest);
        Interlocked.Exchange(ref _snapshot, snapshot)?.Release();
        Log.IndexUpdated(_logger, manifest.Generation, update.Added.Count, removed.Count, snapshot.Count);
    }

    private void CommitLucene(IndexUpdate update, HashSet<string> removed, bool replaceAll, long generation)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer)
        {
            OpenMode = replaceAll ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        };

        var writer = new IndexWriter(_directory!, config);
        try
        {
            if (!replaceAll && removed.Count > 0)
            {
                writer.DeleteDocuments([.. removed.Select(id => new Term(LuceneFields.DocumentId, id))]);
            }

            foreach (var added in update.Added)
            {
                writer.AddDocument(LuceneChunkMapper.ToDocument(added.Chunk, Dimensions));
            }

            writer.SetCommitData(new Dictionary<string, string> { [GenerationKey] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            writer.Commit();
            writer.Dispose();
        }
        catch
        {
            // Without a rollback, disposing the writer would commit the half-applied change.
            writer.Rollback();
            throw;
        }
    }

    private IndexSnapshot? TryLoad(LuceneDirectory directory)
    {
        if (!DirectoryReader.IndexExists(directory))
        {
            Log.NoSavedIndex(_logger, IndexPath);
            return null;
        }

        DirectoryReader? reader = null;
        try
        {
            reader = DirectoryReader.Open(directory);
            var snapshot = Load(reader, completeInterruptedCommit: true);
            reader = null;
            return snapshot;
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            Log.IndexUnreadable(_logger, IndexPath, ex);
            reader?.Dispose();
            return null;
        }
    }

    /// <summary>The snapshot of the commit <paramref name="reader"/> is open on; takes ownership of the reader (null: other model, reader disposed).</summary>
    private IndexSnapshot? Load(DirectoryReader reader, bool completeInterruptedCommit)
    {
        var generation = reader.IndexCommit.UserData.TryGetValue(GenerationKey, out var value) ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        var vectorPath = Path.Combine(IndexPath, VectorFileName);
        var manifestPath = Path.Combine(IndexPath, ManifestFileName);
        if (completeInterruptedCommit)
        {
            CompleteInterruptedCommit(vectorPath, manifestPath, generation);
        }

        var vectors = VectorFile.Read(vectorPath);
        var manifest = IndexManifest.Read(manifestPath);
        if (vectors.Generation != generation || manifest.Generation != generation)
        {
            throw new InvalidDataException($"Lucene is at generation {generation}, the vectors at {vectors.Generation}, the manifest at {manifest.Generation}.");
        }

        if (manifest.Format != Format)
        {
            Log.OtherFormat(_logger, IndexPath, manifest.Format, Format);
            reader.Dispose();
            return null;
        }

        if (vectors.ModelId != ModelId || vectors.Matrix.Dimensions != Dimensions)
        {
            Log.OtherModel(_logger, IndexPath, vectors.ModelId, vectors.Matrix.Dimensions, ModelId, Dimensions);
            reader.Dispose();
            return null;
        }

        var snapshot = IndexSnapshot.Create(reader, vectors.Rows, vectors.Matrix, manifest);
        Log.IndexLoaded(_logger, IndexPath, snapshot.Count, manifest.Files.Count, generation);
        return snapshot;
    }

    private static bool IsUnreadable(Exception ex) =>
        ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException;

    /// <summary>A crash between the Lucene commit and the file renames leaves pending files of the committed generation: finish the renames.</summary>
    private static void CompleteInterruptedCommit(string vectorPath, string manifestPath, long generation)
    {
        var pendingVectors = vectorPath + PendingSuffix;
        var pendingManifest = manifestPath + PendingSuffix;
        if (File.Exists(pendingVectors) && File.Exists(pendingManifest) && VectorFile.ReadGeneration(pendingVectors) == generation)
        {
            File.Move(pendingVectors, vectorPath, overwrite: true);
            File.Move(pendingManifest, manifestPath, overwrite: true);
        }
    }

    private IndexManifest EmptyManifest() => new() { Format = Format, ModelId = ModelId, Dimensions = Dimensions };

    /// <summary>
    /// OR of the analyzed query terms over text, title, section and topics (title and topics weigh more).
    /// Terms found in more than <see cref="CommonTermRatio"/> of the chunks are left out when the query
    /// has a rarer term: their BM25 weight is small (IDF at most ln 4 against 5–10 for a rare term)
    /// while their posting lists are the longest, so they cost most of the search time in a large index.
    /// A term no chunk contains is searched by its near spellings (one or two edits) instead.
    /// </summary>
    private Query? BuildKeywordQuery(string text, IndexReader reader)
    {
        var terms = new List<string>();
        using (var stream = _analyzer.GetTokenStream(LuceneFields.Text, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && terms.Count < MaxQueryTerms)
            {
                var value = term.ToString();
                if (!terms.Contains(value))
                {
                    terms.Add(value);
                }
            }

            stream.End();
        }

        if (terms.Count == 0)
        {
            return null;
        }

        var body = TermLookup.Of(reader, LuceneFields.Text, terms);
        var frequencies = terms.ConvertAll(body.DocFreq);
        var commonFrom = (long)(reader.NumDocs * CommonTermRatio);
        if (reader.NumDocs >= CommonTermsFromChunks && frequencies.Exists(frequency => frequency > 0 && frequency <= commonFrom))
        {
            var kept = Enumerable.Range(0, terms.Count).Where(i => frequencies[i] <= commonFrom).ToList();
            terms = kept.ConvertAll(i => terms[i]);
            frequencies = kept.ConvertAll(i => frequencies[i]);
        }

        var title = TermLookup.Of(reader, LuceneFields.Title, terms);
        var section = TermLookup.Of(reader, LuceneFields.Section, terms);
        var topics = TermLookup.Of(reader, LuceneFields.Topics, terms);
        var questions = TermLookup.Of(reader, LuceneFields.Questions, terms);
        var asks = TermLookup.Of(reader, LuceneFields.Asks, terms);
        var query = new BooleanQuery();
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (frequencies[i] == 0 && term.Length >= MinFuzzyTermLength && title.DocFreq(term) == 0 && topics.DocFreq(term) == 0
                && questions.DocFreq(term) == 0 && asks.DocFreq(term) == 0)
            {
                // A word the index has never seen is most likely misspelt ("paramters", "vidoes"): match its near spellings.
                var edits = term.Length >= 7 ? 2 : 1;
                query.Add(new FuzzyQuery(new Term(LuceneFields.Text, term), edits, prefixLength: 1), Occur.SHOULD);
                query.Add(new FuzzyQuery(new Term(LuceneFields.Title, term), edits, prefixLength: 1) { Boost = 1.5f }, Occur.SHOULD);
                continue;
            }

            query.Add(body.Query(term), Occur.SHOULD);
            query.Add(title.Query(term, 1.5f), Occur.SHOULD);
            query.Add(section.Query(term, 1.2f), Occur.SHOULD);
            query.Add(topics.Query(term, 1.2f), Occur.SHOULD);
            if (questions.DocFreq(term) > 0)
            {
                // A curated answer's questions say what it answers, as a title does.
                query.Add(questions.Query(term, 1.5f), Occur.SHOULD);
            }

            if (asks.DocFreq(term) > 0)
            {
                // The questions a passage is said to answer, in the words people ask with.
                query.Add(asks.Query(term, AsksBoost), Occur.SHOULD);
            }
        }

        return query;
    }

    private sealed class UpdateLease(SemaphoreSlim semaphore, FileStream file) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                file.Dispose();
                semaphore.Release();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(9, LogLevel.Information, "Another process is updating the knowledge index at {IndexPath}; waiting for it to finish.")]
        public static partial void WaitingForUpdate(ILogger logger, string indexPath);

        [LoggerMessage(1, LogLevel.Information, "No saved knowledge index at {IndexPath}; it will be built by ingestion.")]
        public static partial void NoSavedIndex(ILogger logger, string indexPath);

        [LoggerMessage(2, LogLevel.Information, "Loaded the knowledge index at {IndexPath}: {ChunkCount} chunks from {FileCount} files (generation {Generation}).")]
        public static partial void IndexLoaded(ILogger logger, string indexPath, int chunkCount, int fileCount, long generation);

        [LoggerMessage(3, LogLevel.Warning, "The knowledge index at {IndexPath} cannot be used and will be rebuilt.")]
        public static partial void IndexUnreadable(ILogger logger, string indexPath, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "The knowledge index at {IndexPath} holds {SavedModel} ({SavedDimensions}-d) vectors, not {Model} ({Dimensions}-d); it will be rebuilt.")]
        public static partial void OtherModel(ILogger logger, string indexPath, string savedModel, int savedDimensions, string model, int dimensions);

        [LoggerMessage(8, LogLevel.Warning, "The knowledge index at {IndexPath} was written by an older version (format {SavedFormat}, without sentence spans and vectors); this version needs format {Format}, so it will be rebuilt.")]
        public static partial void OtherFormat(ILogger logger, string indexPath, int savedFormat, int format);

        [LoggerMessage(6, LogLevel.Information, "Reloaded the knowledge index written by another process: generation {Generation}, {ChunkCount} chunks.")]
        public static partial void IndexReloaded(ILogger logger, long generation, int chunkCount);

        [LoggerMessage(7, LogLevel.Debug, "A newer knowledge index is not complete yet: {Reason}")]
        public static partial void ReloadDeferred(ILogger logger, string reason);

        [LoggerMessage(5, LogLevel.Information, "Knowledge index generation {Generation}: {Added} chunks added, {RemovedDocuments} documents replaced or removed, {ChunkCount} chunks in total.")]
        public static partial void IndexUpdated(ILogger logger, long generation, int added, int removedDocuments, int chunkCount);
    }
}
