using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Tests.TestSupport;

namespace Chatbot.Knowledge.Tests.Indexing;

[Collection(MiniLmCollection.Name)]
public sealed class KnowledgeIndexPersistenceTests(MiniLmFixture model) : IDisposable
{
    private readonly KnowledgeHarness _harness = new(model.Generator);

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Restart_LoadsTheSavedIndexWithoutEmbeddingAnyChunk()
    {
        _harness.WriteCorpus();
        var first = _harness.CreateIndex();
        await _harness.CreateIngestor(first).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var chunkCount = first.ChunkCount;
        var before = await _harness.CreateRetriever(first).RetrieveAsync("How does the discriminator spot fakes?");
        Assert.True(_harness.Generator.TextsEmbedded >= chunkCount);
        first.Dispose();

        var counter = _harness.Restart();
        var second = _harness.CreateIndex();
        second.EnsureLoaded();
        var after = await _harness.CreateRetriever(second).RetrieveAsync("How does the discriminator spot fakes?");
        var refresh = await _harness.CreateIngestor(second).EnsureIndexedAsync();

        Assert.Equal(chunkCount, second.ChunkCount);
        Assert.Equal(before.Select(passage => passage.ChunkId), after.Select(passage => passage.ChunkId));
        Assert.Equal(5, refresh!.Unchanged);
        Assert.Equal(0, refresh.ChunksEmbedded);
        Assert.Equal(1, counter.TextsEmbedded); // Only the query.
    }

    [Fact]
    public async Task TwoProcessesIngestingAtOnce_LoseNeithersDocuments()
    {
        _harness.WriteCorpus();
        var (file, content) = TestDocuments.PilotDocument;
        File.WriteAllText(_harness.Pilot(file), content);
        using var first = _harness.CreateIndex();
        using var second = _harness.CreateIndex();

        // Two processes (each its own index instance) update the same folder at once: one waits for the other and
        // then builds on the generation it wrote, rather than on the one it loaded before.
        await Task.WhenAll(
            _harness.CreateIngestor(first).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath)),
            _harness.CreateIngestor(second).IngestAsync(IngestSource.Pilot(_harness.Pilot(file))));

        using var reader = _harness.CreateIndex();
        reader.EnsureLoaded();
        Assert.Contains(reader.Manifest.Files.Values, entry => entry.Collection == "pilot");
        Assert.Equal(6, reader.Manifest.Files.Count);
    }

    [Fact]
    public async Task Ingest_WhenAnotherProcessHoldsTheIndexTooLong_FailsSayingWhy()
    {
        _harness.WriteCorpus();
        using var other = _harness.CreateIndex();
        using var cli = new KnowledgeIndex(_harness.Options.IndexPath, _harness.Generator) { UpdateLockTimeout = TimeSpan.FromMilliseconds(300) };
        using var lease = await other.BeginUpdateAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _harness.CreateIngestor(cli).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath)));

        Assert.Contains("Another process has been updating the knowledge index", error.Message, StringComparison.Ordinal);
        Assert.Contains(KnowledgeIndex.UpdateLockFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadIfChanged_IngestByAnotherProcess_IsPickedUpWithoutRestart()
    {
        _harness.WriteCorpus();
        var bot = _harness.CreateIndex();
        await _harness.CreateIngestor(bot).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        Assert.False(bot.ReloadIfChanged());

        // The command line, another process with its own index instance, adds a pilot document.
        var (file, content) = TestDocuments.PilotDocument;
        File.WriteAllText(_harness.Pilot(file), content);
        var cli = _harness.CreateIndex();
        await _harness.CreateIngestor(cli).IngestAsync(IngestSource.Pilot(_harness.Pilot(file)));
        var before = bot.ChunkCount;

        Assert.True(bot.ReloadIfChanged());
        Assert.Equal(cli.ChunkCount, bot.ChunkCount);
        Assert.True(bot.ChunkCount > before);
        var passages = await _harness.CreateRetriever(bot).RetrieveAsync("Who approves expense reports above 500 euros?");
        Assert.Equal("pilot", passages[0].Collection);
        Assert.False(bot.ReloadIfChanged());
    }

    [Fact]
    public async Task ReloadIfChanged_CommitWhoseFilesAreNotYetRenamed_IsLeftForTheNextCheck()
    {
        _harness.WriteCorpus();
        var bot = _harness.CreateIndex();
        await _harness.CreateIngestor(bot).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var vectorPath = Path.Combine(_harness.Options.IndexPath, "vectors.bin");
        var previousVectors = File.ReadAllBytes(vectorPath);

        var (file, content) = TestDocuments.PilotDocument;
        File.WriteAllText(_harness.Pilot(file), content);
        var cli = _harness.CreateIndex();
        await _harness.CreateIngestor(cli).IngestAsync(IngestSource.Pilot(_harness.Pilot(file)));
        var newVectors = File.ReadAllBytes(vectorPath);

        // As if the writer had committed Lucene but not yet moved its new vector file into place.
        File.WriteAllBytes(vectorPath, previousVectors);
        var generation = bot.Manifest.Generation;
        Assert.False(bot.ReloadIfChanged());
        Assert.Equal(generation, bot.Manifest.Generation);
        Assert.NotEmpty(await _harness.CreateRetriever(bot).RetrieveAsync("What does the discriminator do?"));
        Assert.Equal(previousVectors, File.ReadAllBytes(vectorPath)); // a reload never finishes another writer's commit

        File.WriteAllBytes(vectorPath, newVectors);
        Assert.True(bot.ReloadIfChanged());
        Assert.Equal(cli.Manifest.Generation, bot.Manifest.Generation);
    }
}
