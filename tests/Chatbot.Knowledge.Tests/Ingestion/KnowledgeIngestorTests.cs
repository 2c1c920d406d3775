using Chatbot.Knowledge.Documents;
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
        var chunksBefore = index.Manifest.Files[path].ChunkCount;
        var embeddedBefore = _harness.Generator.TextsEmbedded;

        File.AppendAllText(path, "\n## Special tokens\n\nSpecial tokens such as end-of-sequence markers tell the model where a text stops. They are added by the tokenizer and never typed by users. Chat templates use them to separate the turns of a conversation between user and assistant.\n");
        var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        Assert.Equal([path], result.Updated);
        Assert.Equal(4, result.Unchanged);
        Assert.InRange(result.ChunksEmbedded, 1, result.ChunksIndexed);
        Assert.Equal(result.ChunksEmbedded + result.SentencesEmbedded, _harness.Generator.TextsEmbedded - embeddedBefore);
        Assert.True(index.Manifest.Files[path].ChunkCount >= chunksBefore);
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
        var diffusionChunks = index.Manifest.Files[path].ChunkCount;

        File.Delete(path);
        var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        Assert.Equal([path], result.Removed);
        Assert.False(index.Manifest.Files.ContainsKey(path));
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
        var entry = index.Manifest.Files[path];

        File.WriteAllText(path, "---\nid: [oops\n---\n");
        var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        Assert.Equal(path, Assert.Single(result.Failures).Path);
        Assert.Empty(result.Removed);
        Assert.Equal(entry, index.Manifest.Files[path]);
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
        Assert.Equal("expense-policy", index.Manifest.Files[file].DocumentId);
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
}
