using System.Diagnostics;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Text;
using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Indexing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Knowledge.Ingestion;

/// <summary>
/// Brings the <see cref="KnowledgeIndex"/> up to date with folders and files: new and changed files
/// (by content hash) are read, chunked, embedded and indexed, deleted ones removed, unchanged ones
/// skipped. A file that cannot be read is reported by name and skipped; the rest completes.
/// </summary>
/// <remarks>
/// Ingestions are serialized; queries keep running on the previous snapshot until the new one is
/// committed. Vectors are computed only for chunk text the index has not embedded before.
/// </remarks>
public sealed partial class KnowledgeIngestor
{
    private readonly KnowledgeIndex _index;
    private readonly KnowledgeOptions _options;
    private readonly DocumentLoader _loader = new();
    private readonly DocumentChunker _chunker;
    private readonly ILogger _logger;

    /// <param name="index">The index to update.</param>
    /// <param name="options">Chunk sizes, batch size and the configured folders.</param>
    /// <param name="logger">Optional logger.</param>
    public KnowledgeIngestor(KnowledgeIndex index, KnowledgeOptions options, ILogger<KnowledgeIngestor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        _index = index;
        _options = options;
        _chunker = new DocumentChunker(options.ToChunkingOptions());
        _logger = logger ?? NullLogger<KnowledgeIngestor>.Instance;
    }

    /// <summary>The built-in folder and the pilot folders from <see cref="KnowledgeOptions"/>.</summary>
    public IReadOnlyList<IngestSource> ConfiguredSources =>
    [
        IngestSource.BuiltIn(_options.BuiltInPath),
        .. _options.DocumentFolders.Select(IngestSource.Pilot),
    ];

    /// <summary>
    /// Loads the saved index; builds it from <see cref="ConfiguredSources"/> when there is none, or
    /// refreshes it incrementally when <see cref="KnowledgeOptions.RefreshOnStartup"/> is set.
    /// </summary>
    /// <returns>The ingestion result, or null when the saved index was used as is.</returns>
    public async Task<IngestResult?> EnsureIndexedAsync(
        IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        _index.EnsureLoaded();
        if (!_index.IsEmpty && !_options.RefreshOnStartup)
        {
            return null;
        }

        return await IngestAsync(ConfiguredSources, progress, cancellationToken);
    }

    /// <summary>Ingests one folder or file.</summary>
    public Task<IngestResult> IngestAsync(
        IngestSource source, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return IngestAsync([source], progress, cancellationToken);
    }

    /// <summary>
    /// Ingests folders (recursively, supported extensions only) and single files. Files the index
    /// holds under these folders, or as these files, that no longer exist are removed; files from
    /// other sources are left alone. A folder that does not exist is reported and its files are kept.
    /// </summary>
    public async Task<IngestResult> IngestAsync(
        IReadOnlyList<IngestSource> sources, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(sources));
            ArgumentException.ThrowIfNullOrWhiteSpace(source.Path, nameof(sources));
            ArgumentException.ThrowIfNullOrWhiteSpace(source.Collection, nameof(sources));
        }

        using var lease = await _index.BeginUpdateAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var snapshot = _index.AcquireSnapshot();
        try
        {
            progress?.Report(new IngestProgress { Stage = IngestStage.Scanning });
            var result = await IngestCoreAsync(sources, snapshot, progress, cancellationToken);
            result = result with { Elapsed = Stopwatch.GetElapsedTime(started) };
            Log.Ingested(_logger, result.Added.Count, result.Updated.Count, result.Removed.Count, result.Unchanged, result.Failures.Count, result.ChunksEmbedded, result.Elapsed.TotalSeconds);
            progress?.Report(new IngestProgress
            {
                Stage = IngestStage.Completed,
                FileNumber = result.Added.Count + result.Updated.Count + result.Unchanged,
                FileCount = result.Added.Count + result.Updated.Count + result.Unchanged + result.Failures.Count,
                ChunksSoFar = result.ChunksIndexed,
                ChunksEmbedded = result.ChunksEmbedded,
                ChunksToEmbed = result.ChunksEmbedded,
            });
            return result;
        }
        catch (OperationCanceledException)
        {
            Log.Cancelled(_logger);
            throw;
        }
        finally
        {
            snapshot.Release();
        }
    }

    private async Task<IngestResult> IngestCoreAsync(
        IReadOnlyList<IngestSource> sources, IndexSnapshot snapshot, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var oldFiles = snapshot.Manifest.Files;
        var failures = new List<IngestFailure>();
        void Fail(string path, string reason, int fileNumber, int fileCount, int chunksSoFar)
        {
            var failure = new IngestFailure(path, reason);
            failures.Add(failure);
            Log.FileFailed(_logger, path, reason);
            progress?.Report(new IngestProgress
            {
                Stage = IngestStage.Reading, FileNumber = fileNumber, FileCount = fileCount, CurrentFile = path,
                ChunksSoFar = chunksSoFar, Failure = failure,
            });
        }

        // A chunker change invalidates every chunk: rebuild all files the index knows, too.
        var rebuild = oldFiles.Count > 0 && snapshot.Manifest.ChunkingFingerprint != _chunker.Options.Fingerprint;
        var (jobs, scopes, missingFolders) = FindFiles(sources, ConfiguredSources);
        if (rebuild)
        {
            var known = jobs.Select(job => job.Key).ToHashSet(StringComparer.Ordinal);
            jobs.AddRange(oldFiles
                .Where(file => !known.Contains(file.Key) && !InScope(file.Key, scopes) && File.Exists(file.Value.Path))
                .Select(file => new FileJob(
                    file.Value.Path, file.Value.Root, file.Value.Collection, file.Key,
                    file.Value.Root is null ? null : Path.GetFileName(Path.TrimEndingDirectorySeparator(file.Value.Root)))));
        }

        foreach (var folder in missingFolders)
        {
            Fail(folder, "folder or file not found; files indexed from it are kept.", 0, jobs.Count, 0);
        }

        // Read, parse and chunk the new and changed files.
        var newFiles = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        var parsed = new List<(FileJob Job, string Relative, KnowledgeDocument Document, IReadOnlyList<KnowledgeChunk> Chunks)>();
        var unchanged = 0;
        var chunksSoFar = 0;
        for (var i = 0; i < jobs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var job = jobs[i];
            progress?.Report(new IngestProgress
            {
                Stage = IngestStage.Reading, FileNumber = i + 1, FileCount = jobs.Count, CurrentFile = job.Path, ChunksSoFar = chunksSoFar,
            });

            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(job.Path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                KeepOld(job.Key);
                Fail(job.Path, $"cannot be read: {ex.Message}", i + 1, jobs.Count, chunksSoFar);
                continue;
            }

            var hash = DocumentLoader.ComputeHash(content);
            if (!rebuild && oldFiles.TryGetValue(job.Key, out var old) && old.ContentHash == hash && old.Collection == job.Collection)
            {
                newFiles[job.Key] = old;
                unchanged++;
                continue;
            }

            try
            {
                var relative = job.Root is null ? Path.GetFileName(job.Path) : Path.GetRelativePath(job.Root, job.Path);
                var document = _loader.Parse(content, job.Path, relative, job.Collection);
                var chunks = _chunker.Chunk(document);
                if (chunks.Count == 0)
                {
                    throw new DocumentFormatException(job.Path, "produced no passages.");
                }

                parsed.Add((job, relative, document, chunks));
                chunksSoFar += chunks.Count;
            }
            catch (DocumentFormatException ex)
            {
                KeepOld(job.Key);
                Fail(job.Path, ex.Path is null ? ex.Message : ex.Message[(ex.Path.Length + 2)..], i + 1, jobs.Count, chunksSoFar);
            }
        }

        // A changed file that now fails keeps its previous version in the index.
        void KeepOld(string key)
        {
            if (!rebuild && oldFiles.TryGetValue(key, out var previous))
            {
                newFiles[key] = previous;
            }
        }

        // Document ids must be unique: files already indexed keep theirs. A newcomer whose id was derived from its
        // name gets its folder's name in front (docs/faq.md next to faq/faq.md); one whose front matter names a taken id fails.
        var owners = newFiles.ToDictionary(file => file.Value.DocumentId, file => (file.Key, file.Value.Path), StringComparer.Ordinal);
        foreach (var file in oldFiles.Where(file => !InScope(file.Key, scopes) && !rebuild))
        {
            newFiles.TryAdd(file.Key, file.Value);
            owners.TryAdd(file.Value.DocumentId, (file.Key, file.Value.Path));
        }

        var accepted = new List<(FileJob Job, KnowledgeDocument Document, IReadOnlyList<KnowledgeChunk> Chunks)>();
        foreach (var (job, relative, parsedDocument, parsedChunks) in parsed)
        {
            var (document, chunks) = (parsedDocument, parsedChunks);
            if (owners.TryGetValue(document.Id, out var owner) && owner.Key != job.Key
                && job.Label is not null && document.Id == DocumentLoader.DeriveId(relative)
                && DocumentLoader.DeriveId($"{job.Label}/{relative}") is var qualified && !owners.ContainsKey(qualified))
            {
                document = document with { Id = qualified };
                chunks = _chunker.Chunk(document);
            }

            if (owners.TryGetValue(document.Id, out owner) && owner.Key != job.Key)
            {
                KeepOld(job.Key);
                Fail(job.Path, $"document id '{document.Id}' is already used by {owner.Path}.", jobs.Count, jobs.Count, chunksSoFar);
                continue;
            }

            owners[document.Id] = (job.Key, job.Path);
            accepted.Add((job, document, chunks));
            newFiles[job.Key] = new ManifestEntry(
                job.Path, document.ContentHash, document.Id, document.Title, job.Collection, chunks.Count, job.Root);
        }

        // Old document ids that are gone: deleted files, and changed files (whose id may have changed too).
        var removedIds = new HashSet<string>(StringComparer.Ordinal);
        var removedPaths = new List<string>();
        foreach (var (key, entry) in oldFiles)
        {
            if (!newFiles.TryGetValue(key, out var current))
            {
                removedIds.Add(entry.DocumentId);
                removedPaths.Add(entry.Path);
            }
            else if (!ReferenceEquals(current, entry))
            {
                removedIds.Add(entry.DocumentId);
            }
        }

        var added = accepted.Where(item => !oldFiles.ContainsKey(item.Job.Key)).Select(item => item.Job.Path).ToList();
        var updated = accepted.Where(item => oldFiles.ContainsKey(item.Job.Key)).Select(item => item.Job.Path).ToList();
        var newChunks = accepted.SelectMany(item => item.Chunks).ToList();
        var indexed = await EmbedAsync(newChunks, snapshot, jobs.Count, progress, cancellationToken);

        if (accepted.Count > 0 || removedIds.Count > 0 || rebuild)
        {
            progress?.Report(new IngestProgress
            {
                Stage = IngestStage.Saving, FileNumber = jobs.Count, FileCount = jobs.Count, ChunksSoFar = chunksSoFar,
                ChunksEmbedded = indexed.Embedded, ChunksToEmbed = indexed.Embedded,
            });
            _index.Apply(new IndexUpdate
            {
                ReplaceAll = rebuild,
                RemovedDocumentIds = removedIds,
                Added = indexed.Chunks,
                Files = newFiles,
                ChunkingFingerprint = _chunker.Options.Fingerprint,
            });
        }

        removedPaths.Sort(StringComparer.Ordinal);
        return new IngestResult
        {
            Added = added,
            Updated = updated,
            Removed = removedPaths,
            Unchanged = unchanged,
            Failures = failures,
            ChunksIndexed = newChunks.Count,
            ChunksEmbedded = indexed.Embedded,
            SentencesEmbedded = indexed.SentencesEmbedded,
            TotalChunks = _index.ChunkCount,
            TotalFiles = _index.Manifest.Files.Count,
        };
    }

    /// <summary>Vectors for the chunks: reused when the same text was embedded before, else computed in batches.</summary>
    private async Task<(List<IndexedChunk> Chunks, int Embedded, int SentencesEmbedded)> EmbedAsync(
        List<KnowledgeChunk> chunks, IndexSnapshot snapshot, int fileCount, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var vectors = new float[chunks.Count][];
        var hashes = new ulong[chunks.Count];
        var inputs = new string[chunks.Count];
        var pending = new List<int>();
        for (var i = 0; i < chunks.Count; i++)
        {
            inputs[i] = EmbeddingInput.For(chunks[i]);
            hashes[i] = EmbeddingInput.HashOf(chunks[i]);
            if (snapshot.TryGetRowByTextHash(hashes[i], out var row))
            {
                vectors[i] = KnowledgeIndex.CopyVector(snapshot, row);
            }
            else
            {
                pending.Add(i);
            }
        }

        var batchSize = _options.EmbeddingBatchSize;
        for (var offset = 0; offset < pending.Count; offset += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = pending.Skip(offset).Take(batchSize).ToArray();
            var asked = batch.Where(i => EmbeddingInput.AsksFor(chunks[i]) is not null).ToArray();
            var texts = batch.Select(i => inputs[i]).Concat(asked.Select(i => EmbeddingInput.AsksFor(chunks[i])!)).ToArray();
            var embeddings = await _index.EmbeddingGenerator.GenerateAsync(texts, cancellationToken: cancellationToken);
            if (embeddings.Count != texts.Length)
            {
                throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} vectors for {texts.Length} texts.");
            }

            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = embeddings[j].Vector.ToArray();
            }

            for (var j = 0; j < asked.Length; j++)
            {
                EmbeddingInput.Blend(vectors[asked[j]], embeddings[batch.Length + j].Vector.Span);
            }

            progress?.Report(new IngestProgress
            {
                Stage = IngestStage.Embedding, FileNumber = fileCount, FileCount = fileCount, ChunksSoFar = chunks.Count,
                ChunksEmbedded = Math.Min(offset + batchSize, pending.Count), ChunksToEmbed = pending.Count,
            });
        }

        var (sentences, sentencesEmbedded) = await SentencesAsync(chunks, hashes, snapshot, cancellationToken);
        var asks = await AskVectorsAsync(chunks, hashes, snapshot, cancellationToken);
        var indexed = new List<IndexedChunk>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            indexed.Add(new IndexedChunk(chunks[i] with { Sentences = sentences[i], AskVectors = asks[i] }, vectors[i], hashes[i]));
        }

        return (indexed, pending.Count, sentencesEmbedded);
    }

    /// <summary>
    /// Each chunk's sentences with their vectors: copied from the saved index when the chunk's text is unchanged,
    /// else split once by the product's one splitter and embedded in batches. Queries read them and never embed a source.
    /// </summary>
    private async Task<(ChunkSentence[][] Sentences, int Embedded)> SentencesAsync(List<KnowledgeChunk> chunks, ulong[] hashes, IndexSnapshot snapshot, CancellationToken cancellationToken)
    {
        var result = new ChunkSentence[chunks.Count][];
        var pending = new List<(int Chunk, TextSentence Sentence)>();
        for (var i = 0; i < chunks.Count; i++)
        {
            if (snapshot.TryGetRowByTextHash(hashes[i], out var row) && KnowledgeIndex.ReadChunk(snapshot, row) is { Sentences.Count: > 0 } saved && saved.Text == chunks[i].Text)
            {
                result[i] = [.. saved.Sentences];
                continue;
            }

            result[i] = [];
            foreach (var sentence in SentenceSplitter.Default.Split(chunks[i].Text))
            {
                pending.Add((i, sentence));
            }
        }

        var found = new List<ChunkSentence>[chunks.Count];
        var batchSize = _options.EmbeddingBatchSize;
        for (var offset = 0; offset < pending.Count; offset += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = pending.GetRange(offset, Math.Min(batchSize, pending.Count - offset));
            var embeddings = await _index.EmbeddingGenerator.GenerateAsync(batch.Select(p => ChunkSentence.EmbeddedText(p.Sentence.Text)), cancellationToken: cancellationToken);
            if (embeddings.Count != batch.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} vectors for {batch.Count} sentences.");
            }

            for (var j = 0; j < batch.Count; j++)
            {
                var (chunk, sentence) = batch[j];
                var vector = embeddings[j].Vector.ToArray();
                VectorMatrix.Normalize(vector);
                (found[chunk] ??= []).Add(new ChunkSentence(sentence.Start, sentence.Length, sentence.Text, vector));
            }
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            if (found[i] is { } list)
            {
                result[i] = [.. list];
            }
        }

        return (result, pending.Count);
    }

    /// <summary>
    /// Each prose chunk's doc2query questions with their vectors, spans into the questions joined by line breaks:
    /// copied from the saved index when the chunk and its questions are unchanged, else embedded in batches.
    /// </summary>
    private async Task<ChunkSentence[][]> AskVectorsAsync(List<KnowledgeChunk> chunks, ulong[] hashes, IndexSnapshot snapshot, CancellationToken cancellationToken)
    {
        var result = new ChunkSentence[chunks.Count][];
        var pending = new List<(int Chunk, int Start, string Question)>();
        for (var i = 0; i < chunks.Count; i++)
        {
            result[i] = [];
            if (EmbeddingInput.AsksFor(chunks[i]) is null)
            {
                continue;
            }

            if (snapshot.TryGetRowByTextHash(hashes[i], out var row) && KnowledgeIndex.ReadChunk(snapshot, row) is { AskVectors.Count: > 0 } saved
                && saved.AskedAs.SequenceEqual(chunks[i].AskedAs, StringComparer.Ordinal))
            {
                result[i] = [.. saved.AskVectors];
                continue;
            }

            var start = 0;
            foreach (var question in chunks[i].AskedAs)
            {
                pending.Add((i, start, question));
                start += question.Length + 1;
            }
        }

        var found = new List<ChunkSentence>[chunks.Count];
        var batchSize = _options.EmbeddingBatchSize;
        for (var offset = 0; offset < pending.Count; offset += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = pending.GetRange(offset, Math.Min(batchSize, pending.Count - offset));
            var embeddings = await _index.EmbeddingGenerator.GenerateAsync(batch.Select(p => p.Question), cancellationToken: cancellationToken);
            if (embeddings.Count != batch.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} vectors for {batch.Count} questions.");
            }

            for (var j = 0; j < batch.Count; j++)
            {
                var (chunk, start, question) = batch[j];
                var vector = embeddings[j].Vector.ToArray();
                VectorMatrix.Normalize(vector);
                (found[chunk] ??= []).Add(new ChunkSentence(start, question.Length, question, vector));
            }
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            if (found[i] is { } list)
            {
                result[i] = [.. list];
            }
        }

        return result;
    }

    /// <summary>
    /// The files to read, the key prefixes (folders) and keys (single files) whose old entries these sources replace,
    /// and the sources that do not exist. Folders are labelled among these and the configured ones, so that an
    /// <c>ingest</c> of one configured folder keys its files as the bot's start-up refresh does.
    /// </summary>
    private static (List<FileJob> Jobs, List<(string Key, bool IsFolder)> Scopes, List<string> Missing) FindFiles(
        IReadOnlyList<IngestSource> sources, IReadOnlyList<IngestSource> configured)
    {
        var labels = ManifestKey.FolderLabels(sources.Concat(configured)
            .Select(source => (Path.GetFullPath(source.Path), source.Collection))
            .Where(source => System.IO.Directory.Exists(source.Item1)));
        var jobs = new List<FileJob>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var scopes = new List<(string Key, bool IsFolder)>();
        var missing = new List<string>();
        foreach (var source in sources)
        {
            var path = Path.GetFullPath(source.Path);
            if (System.IO.Directory.Exists(path))
            {
                var label = labels[(Path.TrimEndingDirectorySeparator(path), source.Collection)];
                scopes.Add((ManifestKey.FolderPrefix(source.Collection, label), true));
                var files = System.IO.Directory
                    .EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
                    .Where(DocumentLoader.IsSupported)
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    if (seen.Add(file))
                    {
                        jobs.Add(new FileJob(file, path, source.Collection, ManifestKey.ForFolderFile(source.Collection, label, Path.GetRelativePath(path, file)), label));
                    }
                }
            }
            else if (File.Exists(path))
            {
                var key = ManifestKey.ForSingleFile(source.Collection, path);
                scopes.Add((key, false));
                if (seen.Add(path))
                {
                    jobs.Add(new FileJob(path, null, source.Collection, key, Label: null));
                }
            }
            else
            {
                missing.Add(path);
            }
        }

        return (jobs, scopes, missing);
    }

    private static bool InScope(string key, List<(string Key, bool IsFolder)> scopes) =>
        scopes.Any(scope => scope.IsFolder ? key.StartsWith(scope.Key, StringComparison.Ordinal) : key == scope.Key);

    /// <summary>A file to read: where it is now, the folder it was found in, and its manifest key.</summary>
    /// <param name="Path">The file's full path now.</param>
    /// <param name="Root">The folder it was found in, or null for a single file.</param>
    /// <param name="Collection">The collection it joins.</param>
    /// <param name="Key">Its <see cref="ManifestKey"/>.</param>
    /// <param name="Label">The folder's label (<see cref="ManifestKey.FolderLabels"/>), or null for a single file.</param>
    private sealed record FileJob(string Path, string? Root, string Collection, string Key, string? Label);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Ingestion done: {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged, {Failed} failed; {Embedded} chunks embedded in {ElapsedSeconds:F1} s.")]
        public static partial void Ingested(ILogger logger, int added, int updated, int removed, int unchanged, int failed, int embedded, double elapsedSeconds);

        [LoggerMessage(2, LogLevel.Warning, "Skipped {Path}: {Reason}")]
        public static partial void FileFailed(ILogger logger, string path, string reason);

        [LoggerMessage(3, LogLevel.Information, "Ingestion cancelled; the index is unchanged.")]
        public static partial void Cancelled(ILogger logger);
    }
}
