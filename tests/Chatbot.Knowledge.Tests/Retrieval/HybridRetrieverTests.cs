using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Retrieval;
using Chatbot.Knowledge.Tests.TestSupport;

namespace Chatbot.Knowledge.Tests.Retrieval;

/// <summary>Ranking on a small fixed corpus with the real MiniLM model (one index for the whole class).</summary>
[Collection(MiniLmCollection.Name)]
public sealed class HybridRetrieverTests : IClassFixture<HybridRetrieverTests.CorpusFixture>
{
    private readonly HybridRetriever _retriever;

    public HybridRetrieverTests(CorpusFixture corpus, MiniLmFixture model)
    {
        corpus.Build(model);
        _retriever = corpus.Retriever!;
    }

    [Theory]
    [InlineData("How does the discriminator learn to tell real images from fakes?", "generative-adversarial-networks")]
    [InlineData("What is a noise schedule when generating pictures step by step?", "diffusion-models")]
    [InlineData("How does self-attention let each token weigh the others?", "transformer-architecture")]
    [InlineData("Why does grounding answers in a knowledge base reduce made-up facts?", "retrieval-augmented-generation")]
    [InlineData("How is text split into subword pieces by byte pair encoding?", "tokenization")]
    public async Task RetrieveAsync_RanksTheRightDocumentFirst(string query, string expected)
    {
        var passages = await _retriever.RetrieveAsync(query);

        Assert.Equal(expected, passages[0].DocumentId);
    }

    [Fact]
    public async Task RetrieveAsync_ReturnsCitableMetadataAndDiagnostics()
    {
        var passages = await _retriever.RetrieveAsync("mode collapse in GAN training", new RetrievalOptions { TopK = 3 });

        Assert.Equal(3, passages.Count);
        var top = passages[0];
        Assert.Equal("generative-adversarial-networks", top.DocumentId);
        Assert.StartsWith("generative-adversarial-networks#", top.ChunkId, StringComparison.Ordinal);
        Assert.Equal("Generative adversarial networks (GANs)", top.Title);
        Assert.Equal("https://example.org/generative-adversarial-networks", top.Url);
        Assert.Equal(KnowledgeCollections.BuiltIn, top.Collection);
        Assert.Contains("Mode collapse", top.Text, StringComparison.Ordinal);
        Assert.Equal(top.Text.Length, top.End - top.Start);
        Assert.NotNull(top.Bm25Rank);
        Assert.NotNull(top.DenseRank);
        Assert.True(passages.Zip(passages.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }

    [Fact]
    public async Task RetrieveAsync_CollectionFilter_KeepsOnlyThatCollection()
    {
        const string Query = "Who approves expense reports drafted with the assistant?";

        var all = await _retriever.RetrieveAsync(Query);
        var pilot = await _retriever.RetrieveAsync(Query, new RetrievalOptions { Collection = KnowledgeCollections.Pilot });
        var builtIn = await _retriever.RetrieveAsync(Query, new RetrievalOptions { Collection = KnowledgeCollections.BuiltIn });
        var everything = await _retriever.RetrieveAsync(Query, new RetrievalOptions { Collection = KnowledgeCollections.All });

        Assert.Equal("expense-policy", all[0].DocumentId);
        Assert.All(pilot, passage => Assert.Equal(KnowledgeCollections.Pilot, passage.Collection));
        Assert.NotEmpty(pilot);
        Assert.NotEmpty(builtIn);
        Assert.All(builtIn, passage => Assert.Equal(KnowledgeCollections.BuiltIn, passage.Collection));
        Assert.Equal(all.Select(passage => passage.ChunkId), everything.Select(passage => passage.ChunkId));
        Assert.Empty(await _retriever.RetrieveAsync(Query, new RetrievalOptions { Collection = "unknown" }));
    }

    [Fact]
    public async Task Search_DefaultCollectionPilot_AnswersFromThePilotsDocumentsUnlessTheCallSaysOtherwise()
    {
        const string Query = "How does the discriminator learn to tell real images from fakes?";
        var pilotOnly = new HybridRetriever(_retriever.Index, defaultTopK: 5, defaultCollection: KnowledgeCollections.Pilot);

        var passages = await pilotOnly.RetrieveAsync(Query);
        var builtIn = await pilotOnly.RetrieveAsync(Query, new RetrievalOptions { Collection = KnowledgeCollections.BuiltIn });

        Assert.NotEmpty(passages);
        Assert.All(passages, passage => Assert.Equal(KnowledgeCollections.Pilot, passage.Collection));
        Assert.Equal("generative-adversarial-networks", builtIn[0].DocumentId);
    }

    [Fact]
    public async Task RetrieveAsync_MaxPerDocument_LimitsPassagesFromOneDocument()
    {
        const string Query = "generator discriminator training mode collapse GAN";

        var unlimited = await _retriever.RetrieveAsync(Query, new RetrievalOptions { TopK = 5, MaxPerDocument = 0 });
        var capped = await _retriever.RetrieveAsync(Query, new RetrievalOptions { TopK = 5, MaxPerDocument = 1 });

        Assert.Equal(2, unlimited.Count(passage => passage.DocumentId == "generative-adversarial-networks"));
        Assert.Equal(1, capped.Count(passage => passage.DocumentId == "generative-adversarial-networks"));
        Assert.Equal(capped.Count, capped.Select(passage => passage.DocumentId).Distinct().Count());
        Assert.Equal(unlimited[0].ChunkId, capped[0].ChunkId);
    }

    [Fact]
    public async Task RetrieveAsync_BlankQuery_ReturnsNothing()
    {
        Assert.Empty(await _retriever.RetrieveAsync("   "));
    }

    [Fact]
    public async Task RetrieveAsync_ConcurrentQueries_GiveTheSameAnswersAsSequentialOnes()
    {
        string[] queries = ["discriminator", "noise schedule", "self-attention", "byte pair encoding"];
        var sequential = new List<string>();
        foreach (var query in queries)
        {
            sequential.Add((await _retriever.RetrieveAsync(query))[0].ChunkId);
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(async () => (await _retriever.RetrieveAsync(queries[i % queries.Length]))[0].ChunkId)));

        Assert.Equal(Enumerable.Range(0, 16).Select(i => sequential[i % queries.Length]), concurrent);
    }

    public sealed class CorpusFixture : IDisposable
    {
        private readonly Lock _lock = new();
        private KnowledgeHarness? _harness;

        public HybridRetriever? Retriever { get; private set; }

        public void Build(MiniLmFixture model)
        {
            lock (_lock)
            {
                if (Retriever is not null)
                {
                    return;
                }

                _harness = new KnowledgeHarness(model.Generator);
                _harness.WriteCorpus();
                File.WriteAllText(_harness.Pilot(TestDocuments.PilotDocument.File), TestDocuments.PilotDocument.Content);
                KnowledgeIndex index = _harness.CreateIndex();
                var ingestor = _harness.CreateIngestor(index);
                var result = ingestor.IngestAsync(ingestor.ConfiguredSources).GetAwaiter().GetResult();
                Assert.Empty(result.Failures);
                Retriever = _harness.CreateRetriever(index);
            }
        }

        public void Dispose() => _harness?.Dispose();
    }
}
