using System.Text.Json.Nodes;
using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Tests.Documents;
using Chatbot.Knowledge.Tests.TestSupport;

namespace Chatbot.Knowledge.Tests.Ingestion;

public sealed class KnowledgeIngestorTests : IDisposable
{
    private readonly KnowledgeHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task IngestAsync_NewFolder_IndexesEveryFileAndReportsProgress()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var progress = new RecordingProgress<IngestProgress>();

        var result = await _harness.CreateIngestor(index).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath), progress);

        Assert.Equal(5, result.Added.Count);
        Assert.Empty(result.Failures);
        Assert.True(result.TotalChunks >= 5);
        Assert.Equal(result.TotalChunks, result.ChunksEmbedded);
        Assert.True(result.SentencesEmbedded >= result.TotalChunks);
        Assert.Equal(result.TotalChunks + result.SentencesEmbedded, _harness.Generator.TextsEmbedded);
        Assert.Equal(5, index.Manifest.Files.Count);

        var reading = progress.Reports.Where(report => report.Stage == IngestStage.Reading).ToList();
        Assert.Equal([1, 2, 3, 4, 5], reading.Select(report => report.FileNumber));
        Assert.All(reading, report => Assert.Equal(5, report.FileCount));
        Assert.All(reading, report => Assert.NotNull(report.CurrentFile));
        Assert.Contains(progress.Reports, report => report.Stage == IngestStage.Embedding && report.ChunksEmbedded == result.TotalChunks);
        Assert.Equal(IngestStage.Completed, progress.Reports[^1].Stage);
    }

    [Fact]
    public async Task IngestAsync_UnchangedFiles_AreSkippedWithoutEmbedding()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var embeddedBefore = _harness.Generator.TextsEmbedded;
        var generation = index.Manifest.Generation;

        var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        Assert.Equal(5, result.Unchanged);
        Assert.Empty(result.Added);
        Assert.Empty(result.Updated);
        Assert.False(result.Changed);
        Assert.Equal(embeddedBefore, _harness.Generator.TextsEmbedded);
        Assert.Equal(generation, index.Manifest.Generation);
    }

    [Fact]
    public async Task IngestAsync_ChangedFile_IsReindexedEmbeddingOnlyNewText()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var path = _harness.BuiltIn("tokenization.md");
        var chunksBefore = Entry(index, path).ChunkCount;
        var embeddedBefore = _harness.Generator.TextsEmbedded;

        File.AppendAllText(path, "\n## Special tokens\n\nSpecial tokens such as end-of-sequence markers tell the model where a text stops. They are added by the tokenizer and never typed by users. Chat templates use them to separate the turns of a conversation between user and assistant.\n");
        var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        Assert.Equal([path], result.Updated);
        Assert.Equal(4, result.Unchanged);
        Assert.InRange(result.ChunksEmbedded, 1, result.ChunksIndexed);
        Assert.Equal(result.ChunksEmbedded + result.SentencesEmbedded, _harness.Generator.TextsEmbedded - embeddedBefore);
        Assert.True(Entry(index, path).ChunkCount >= chunksBefore);
        var passages = await _harness.CreateRetriever(index).RetrieveAsync("end-of-sequence special tokens chat templates");
        Assert.Equal("tokenization", passages[0].DocumentId);
        Assert.Contains("end-of-sequence", passages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_DeletedFile_IsRemovedFromIndexAndManifest()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var path = _harness.BuiltIn("diffusion.md");
        var chunksBefore = index.ChunkCount;
        var diffusionChunks = Entry(index, path).ChunkCount;

        File.Delete(path);
        var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        Assert.Equal([path], result.Removed);
        Assert.DoesNotContain(index.Manifest.Files.Values, entry => entry.Path == path);
        Assert.Equal(chunksBefore - diffusionChunks, index.ChunkCount);
        Assert.Null(index.GetChunk("diffusion-models#0"));
        var passages = await _harness.CreateRetriever(index).RetrieveAsync("denoising noise schedule diffusion");
        Assert.DoesNotContain(passages, passage => passage.DocumentId == "diffusion-models");
    }

    [Fact]
    public async Task IngestAsync_BadPdfAndBadFrontMatter_AreReportedByNameAndTheRestIsIngested()
    {
        _harness.WriteCorpus();
        var badMarkdown = _harness.BuiltIn("broken.md");
        File.WriteAllText(badMarkdown, "---\nid: broken\ntitle: [unclosed\n---\n# Broken\n\nText.");
        var missingTitle = _harness.BuiltIn("untitled.md");
        File.WriteAllText(missingTitle, "---\nid: untitled\n---\n# Untitled\n\nText.");
        var badPdf = _harness.Pilot("scan.pdf");
        File.WriteAllBytes(badPdf, "%PDF-1.4\n garbage that is not a PDF"u8.ToArray());
        var goodPdf = _harness.Pilot("report.pdf");
        File.WriteAllBytes(goodPdf, DocumentLoaderTests.CreatePdf("Quarterly report on the pilot rollout of the assistant."));
        var progress = new RecordingProgress<IngestProgress>();
        var index = _harness.CreateIndex();

        var result = await _harness.CreateIngestor(index).IngestAsync(_harness.CreateIngestor(index).ConfiguredSources, progress);

        Assert.Equal(
            new[] { badMarkdown, badPdf, missingTitle }.Order(StringComparer.Ordinal),
            result.Failures.Select(failure => failure.Path).Order(StringComparer.Ordinal));
        Assert.Contains("YAML", result.Failures.Single(failure => failure.Path == badMarkdown).Reason, StringComparison.Ordinal);
        Assert.Contains("title", result.Failures.Single(failure => failure.Path == missingTitle).Reason, StringComparison.Ordinal);
        Assert.Contains("pdf", result.Failures.Single(failure => failure.Path == badPdf).Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(6, result.Added.Count);
        Assert.Equal(3, progress.Reports.Count(report => report.Failure is not null));

        var pilot = await _harness.CreateRetriever(index).RetrieveAsync("quarterly pilot rollout report", new() { Collection = KnowledgeCollections.Pilot });
        Assert.Equal("report", Assert.Single(pilot.Select(passage => passage.DocumentId).Distinct()));
    }

    [Fact]
    public async Task IngestAsync_ChangedFileThatBecameInvalid_KeepsThePreviousVersion()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var path = _harness.BuiltIn("gans.md");
        var entry = Entry(index, path);

        File.WriteAllText(path, "---\nid: [oops\n---\n");
        var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        Assert.Equal(path, Assert.Single(result.Failures).Path);
        Assert.Empty(result.Removed);
        Assert.Equal(entry, Entry(index, path));
        Assert.NotNull(index.GetChunk("generative-adversarial-networks#0"));
    }

    [Fact]
    public async Task IngestAsync_DuplicateDocumentId_ReportsTheNewcomer()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var copy = _harness.BuiltIn("zz-copy.md");
        File.WriteAllText(copy, TestDocuments.Curated("tokenization", "Another tokenization", "Some text about tokens."));

        var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(copy, failure.Path);
        Assert.Contains("tokenization", failure.Reason, StringComparison.Ordinal);
        Assert.Contains(_harness.BuiltIn("tokenization.md"), failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_MissingFolder_IsReportedAndItsFilesAreKept()
    {
        File.WriteAllText(_harness.Pilot("policy.md"), TestDocuments.PilotDocument.Content);
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.Pilot(_harness.Options.DocumentFolders[0]));
        Directory.Move(_harness.Options.DocumentFolders[0], _harness.Folder.Combine("moved"));

        var result = await ingestor.IngestAsync(IngestSource.Pilot(_harness.Options.DocumentFolders[0]));

        Assert.Equal(_harness.Options.DocumentFolders[0], Assert.Single(result.Failures).Path);
        Assert.Empty(result.Removed);
        Assert.Single(index.Manifest.Files);
    }

    [Fact]
    public async Task IngestAsync_SingleFile_IndexesItWithIdFromFileName()
    {
        var file = _harness.Folder.Write("loose/Expense Policy.md", TestDocuments.PilotDocument.Content);
        var index = _harness.CreateIndex();

        var result = await _harness.CreateIngestor(index).IngestAsync(IngestSource.Pilot(file));

        Assert.Equal([file], result.Added);
        Assert.Equal("expense-policy", Entry(index, file).DocumentId);
        Assert.Equal(KnowledgeCollections.Pilot, index.GetChunk("expense-policy#0")!.Collection);
    }

    [Fact]
    public async Task IngestAsync_OtherSourcesFiles_AreNotRemoved()
    {
        _harness.WriteCorpus();
        File.WriteAllText(_harness.Pilot("policy.md"), TestDocuments.PilotDocument.Content);
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(ingestor.ConfiguredSources);

        var result = await ingestor.IngestAsync(IngestSource.Pilot(_harness.Options.DocumentFolders[0]));

        Assert.Empty(result.Removed);
        Assert.Equal(6, index.Manifest.Files.Count);
    }

    [Fact]
    public async Task IngestAsync_ChunkSizeChanged_RebuildsEverything()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        await _harness.CreateIngestor(index).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        _harness.Options.ChunkMaxWords = 40;
        var result = await _harness.CreateIngestor(index).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        Assert.Equal(5, result.Updated.Count);
        Assert.Equal(_harness.Options.ToChunkingOptions().Fingerprint, index.Manifest.ChunkingFingerprint);
    }

    [Fact]
    public async Task EnsureIndexedAsync_BuildsWhenMissing_AndSkipsWhenPresentAndRefreshIsOff()
    {
        _harness.WriteCorpus();
        _harness.Options.RefreshOnStartup = false;
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);

        var first = await ingestor.EnsureIndexedAsync();
        var second = await ingestor.EnsureIndexedAsync();

        Assert.NotNull(first);
        Assert.Equal(5, first.Added.Count);
        Assert.Null(second);
    }

    [Fact]
    public async Task IngestAsync_Cancelled_LeavesTheIndexUnchanged()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _harness.CreateIngestor(index).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath), cancellationToken: cancellation.Token));

        Assert.True(index.IsEmpty);
    }

    [Fact]
    public async Task IngestAsync_DocumentsAndIndexMovedElsewhere_ReadsNothingAgain()
    {
        _harness.WriteCorpus();
        File.WriteAllText(_harness.Pilot("policy.md"), TestDocuments.PilotDocument.Content);
        var index = _harness.CreateIndex();
        await _harness.CreateIngestor(index).IngestAsync(_harness.CreateIngestor(index).ConfiguredSources);
        var generation = index.Manifest.Generation;
        var keys = index.Manifest.Files.Keys.ToList();
        index.Dispose();

        // As in a container: the documents and the index copied under another root, the old copies gone.
        var moved = _harness.Folder.Combine("elsewhere", "app");
        CopyFolder(_harness.Options.BuiltInPath, Path.Combine(moved, "knowledge"));
        CopyFolder(_harness.Options.DocumentFolders[0], Path.Combine(moved, "pilot"));
        CopyFolder(_harness.Options.IndexPath, Path.Combine(moved, "data", "index"));
        Directory.Delete(_harness.Options.BuiltInPath, recursive: true);
        Directory.Delete(_harness.Options.DocumentFolders[0], recursive: true);
        Directory.Delete(_harness.Options.IndexPath, recursive: true);
        _harness.Options.BuiltInPath = Path.Combine(moved, "knowledge");
        _harness.Options.DocumentFolders = [Path.Combine(moved, "pilot")];
        _harness.Options.IndexPath = Path.Combine(moved, "data", "index");
        var generator = _harness.Restart();
        var movedIndex = _harness.CreateIndex();

        var result = await _harness.CreateIngestor(movedIndex).IngestAsync(_harness.CreateIngestor(movedIndex).ConfiguredSources);

        Assert.Equal(6, result.Unchanged);
        Assert.Empty(result.Added);
        Assert.Empty(result.Updated);
        Assert.Empty(result.Removed);
        Assert.Empty(result.Failures);
        Assert.Equal(0, generator.TextsEmbedded);
        Assert.Equal(generation, movedIndex.Manifest.Generation);
        Assert.Equal(keys, movedIndex.Manifest.Files.Keys);
        Assert.Contains("pilot:pilot/policy.md", keys);
        Assert.Contains("builtin:knowledge/gans.md", keys);

        // The moved folder is still the same source: a file deleted from it is removed from the index.
        File.Delete(Path.Combine(moved, "pilot", "policy.md"));
        var afterDelete = await _harness.CreateIngestor(movedIndex).IngestAsync(_harness.CreateIngestor(movedIndex).ConfiguredSources);
        Assert.Single(afterDelete.Removed);
        Assert.Null(movedIndex.GetChunk("policy#0"));
    }

    [Fact]
    public async Task IngestAsync_SameRelativeNameInTwoFolders_KeepsBoth()
    {
        var docs = _harness.Folder.Write("shop/docs/guide.md", "# Delivery guide\n\nParcels leave the warehouse within two working days and arrive by courier with a tracking link sent by email.");
        var faq = _harness.Folder.Write("shop/faq/guide.md", "# Returns guide\n\nUnworn shoes can be returned within sixty days for a full refund to the original card.");
        _harness.Options.DocumentFolders = [Path.GetDirectoryName(docs)!, Path.GetDirectoryName(faq)!];
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);

        var first = await ingestor.IngestAsync(ingestor.ConfiguredSources);
        var second = await ingestor.IngestAsync(ingestor.ConfiguredSources);

        Assert.Empty(first.Failures);
        Assert.Equal(new[] { docs, faq }.Order(StringComparer.Ordinal), first.Added.Order(StringComparer.Ordinal));
        Assert.Equal(["pilot:docs/guide.md", "pilot:faq/guide.md"], index.Manifest.Files.Keys);
        Assert.Equal(["guide", "faq-guide"], index.Manifest.Files.Values.Select(entry => entry.DocumentId));
        Assert.Equal(2, second.Unchanged);
        Assert.False(second.Changed);
        var passages = await _harness.CreateRetriever(index).RetrieveAsync("return unworn shoes refund", new() { Collection = KnowledgeCollections.Pilot });
        Assert.Equal("faq-guide", passages[0].DocumentId);
    }

    [Fact]
    public async Task IngestAsync_TwoFoldersOfTheSameName_AreToldApartByTheirParents()
    {
        var shop = _harness.Folder.Write("shop/docs/returns.md", "# Shop returns\n\nShoes bought in the shop can be returned within sixty days with the receipt.");
        var help = _harness.Folder.Write("help/docs/returns.md", "# Help desk returns\n\nLaptops lent by the help desk go back to the second floor counter on Fridays.");
        _harness.Options.DocumentFolders = [Path.GetDirectoryName(shop)!, Path.GetDirectoryName(help)!];
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(ingestor.ConfiguredSources);

        // One folder ingested on its own, as the ingest command does, keys its files as the configured refresh does.
        var alone = await ingestor.IngestAsync(IngestSource.Pilot(Path.GetDirectoryName(help)!));

        Assert.Equal(["pilot:help/docs/returns.md", "pilot:shop/docs/returns.md"], index.Manifest.Files.Keys);
        Assert.Equal(1, alone.Unchanged);
        Assert.False(alone.Changed);
    }

    [Fact]
    public async Task IngestAsync_ManifestKeyedByFullPaths_IsRekeyedAndNothingIsReadAgain()
    {
        _harness.WriteCorpus();
        File.WriteAllText(_harness.Pilot("policy.md"), TestDocuments.PilotDocument.Content);
        var index = _harness.CreateIndex();
        await _harness.CreateIngestor(index).IngestAsync(_harness.CreateIngestor(index).ConfiguredSources);
        var keys = index.Manifest.Files.Keys.ToList();
        index.Dispose();

        // What earlier versions wrote: every file keyed by its full path.
        var manifestPath = Path.Combine(_harness.Options.IndexPath, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        var files = manifest["files"]!.AsObject();
        var byPath = new JsonObject();
        foreach (var (_, entry) in files.ToList())
        {
            byPath[(string)entry!["path"]!] = entry.DeepClone();
        }

        manifest["files"] = byPath;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        Assert.All(JsonNode.Parse(File.ReadAllText(manifestPath))!["files"]!.AsObject(), file => Assert.True(Path.IsPathRooted(file.Key)));
        var generator = _harness.Restart();
        var reopened = _harness.CreateIndex();
        reopened.EnsureLoaded();

        Assert.Equal(keys, reopened.Manifest.Files.Keys);
        var result = await _harness.CreateIngestor(reopened).IngestAsync(_harness.CreateIngestor(reopened).ConfiguredSources);

        Assert.Equal(6, result.Unchanged);
        Assert.False(result.Changed);
        Assert.Equal(0, generator.TextsEmbedded);

        // The next update writes the new keys.
        File.AppendAllText(_harness.Pilot("policy.md"), "\n\nTravel by train is preferred over flights for trips under five hours.\n");
        await _harness.CreateIngestor(reopened).IngestAsync(_harness.CreateIngestor(reopened).ConfiguredSources);
        var written = JsonNode.Parse(File.ReadAllText(manifestPath))!["files"]!.AsObject();
        Assert.Equal(keys, written.Select(file => file.Key));
    }

    [Fact]
    public void FolderLabels_AreFolderNames_LengthenedOnlyWhereTwoFoldersOfACollectionShareOne()
    {
        var labels = ManifestKey.FolderLabels(
        [
            ("/srv/a/shop/docs", KnowledgeCollections.Pilot),
            ("/srv/b/help/docs/", KnowledgeCollections.Pilot),
            ("/srv/a/shop/faq", KnowledgeCollections.Pilot),
            ("/opt/docs", KnowledgeCollections.BuiltIn),
        ]);

        Assert.Equal("shop/docs", labels[("/srv/a/shop/docs", KnowledgeCollections.Pilot)]);
        Assert.Equal("help/docs", labels[("/srv/b/help/docs", KnowledgeCollections.Pilot)]);
        Assert.Equal("faq", labels[("/srv/a/shop/faq", KnowledgeCollections.Pilot)]);
        Assert.Equal("docs", labels[("/opt/docs", KnowledgeCollections.BuiltIn)]);
        Assert.Equal("pilot:faq/sub/q.md", ManifestKey.ForFolderFile(KnowledgeCollections.Pilot, "faq", Path.Combine("sub", "q.md")));
    }

    private static ManifestEntry Entry(KnowledgeIndex index, string path) =>
        index.Manifest.Files.Values.Single(entry => entry.Path == path);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
