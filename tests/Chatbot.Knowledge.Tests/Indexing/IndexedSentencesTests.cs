using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Tests.TestSupport;
using Chatbot.Knowledge.Text;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.Knowledge.Tests.Indexing;

/// <summary>Sentences are an index artefact: split and embedded once at ingestion, read back with every passage.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class IndexedSentencesTests(MiniLmFixture model) : IDisposable
{
    private readonly KnowledgeHarness _harness = new(model.Generator);

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Restart_PassagesCarryTheirSentencesSpansAndVectors_WithoutEmbeddingAnySource()
    {
        _harness.WriteCorpus();
        var first = _harness.CreateIndex();
        await _harness.CreateIngestor(first).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        first.Dispose();

        var counter = _harness.Restart();
        var second = _harness.CreateIndex();
        var passages = await _harness.CreateRetriever(second).RetrieveAsync("How does the discriminator spot fakes?");

        Assert.Equal(1, counter.TextsEmbedded); // the query only
        Assert.NotEmpty(passages);
        foreach (var passage in passages)
        {
            var expected = SentenceSplitter.Default.Split(passage.Text);
            Assert.Equal(expected.Select(s => (s.Start, s.Length, s.Text)), passage.Sentences.Select(s => (s.Start, s.Length, s.Text)));
            Assert.Equal(second.Dimensions, passage.Vector.Length);
            foreach (var sentence in passage.Sentences)
            {
                // 8-bit storage keeps the direction: the stored vector is the sentence's own embedding.
                var exact = model.Generator.Embed(sentence.Text);
                Assert.True(TensorPrimitives.CosineSimilarity(exact, sentence.Vector.Span) > 0.99f, sentence.Text);
            }
        }
    }

    [Fact]
    public async Task Reingest_UnchangedChunksKeepTheirSentenceVectors_WithoutEmbeddingThemAgain()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var before = _harness.Generator.TextsEmbedded;

        var (file, content) = TestDocuments.PilotDocument;
        File.WriteAllText(_harness.Pilot(file), content);
        await ingestor.IngestAsync(IngestSource.Pilot(_harness.Pilot(file)));
        var (pilotChunks, pilotSentences) = PilotCounts(index);

        // Only the new document's chunks and sentences were embedded; the built-in ones kept theirs.
        Assert.True(pilotChunks > 0);
        Assert.Equal(before + pilotChunks + pilotSentences, _harness.Generator.TextsEmbedded);
        var passages = await _harness.CreateRetriever(index).RetrieveAsync("generator discriminator fake images");
        Assert.All(passages, passage => Assert.NotEmpty(passage.Sentences));
    }

    [Fact]
    public async Task Load_IndexOfAnOlderFormat_LoadsEmptyAndSaysWhyItIsRebuilt()
    {
        _harness.WriteCorpus();
        var first = _harness.CreateIndex();
        await _harness.CreateIngestor(first).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        first.Dispose();

        // A manifest as the version before sentence vectors wrote it: no format recorded.
        var manifestPath = Path.Combine(_harness.Options.IndexPath, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest.Remove("format");
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var logger = new FakeLogger<KnowledgeIndex>();
        using var second = new KnowledgeIndex(_harness.Options.IndexPath, _harness.Generator, logger);
        second.EnsureLoaded();

        Assert.True(second.IsEmpty);
        Assert.Contains(logger.Collector.GetSnapshot(), record => record.Message.Contains("older version (format 0", StringComparison.Ordinal));

        var rebuilt = await _harness.CreateIngestor(second).EnsureIndexedAsync();
        Assert.NotNull(rebuilt);
        Assert.True(second.ChunkCount > 0);
        Assert.All(await _harness.CreateRetriever(second).RetrieveAsync("discriminator"), passage => Assert.NotEmpty(passage.Sentences));
    }

    private static (int Chunks, int Sentences) PilotCounts(KnowledgeIndex index)
    {
        var snapshot = index.AcquireSnapshot();
        try
        {
            var rows = Enumerable.Range(0, snapshot.Count).Where(row => snapshot.Rows[row].Collection == "pilot").ToList();
            return (rows.Count, rows.Sum(row => KnowledgeIndex.ReadChunk(snapshot, row).Sentences.Count));
        }
        finally
        {
            snapshot.Release();
        }
    }
}
