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
}
