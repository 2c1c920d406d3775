using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Tests.TestSupport;

namespace Chatbot.Knowledge.Tests.Indexing;

public sealed class KnowledgeIndexTests : IDisposable
{
    private readonly KnowledgeHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Save_WritesLuceneVectorsAndManifestWithTheSameGeneration()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        await _harness.CreateIngestor(index).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));

        var vectors = VectorFile.Read(Path.Combine(_harness.Options.IndexPath, "vectors.bin"));

        Assert.Equal(index.Manifest.Generation, vectors.Generation);
        Assert.Equal("test-hashing", vectors.ModelId);
        Assert.Equal(384, vectors.Matrix.Dimensions);
        Assert.Equal(index.ChunkCount, vectors.Rows.Length);
        Assert.True(Directory.EnumerateFiles(Path.Combine(_harness.Options.IndexPath, "lucene")).Any());
        Assert.True(File.Exists(Path.Combine(_harness.Options.IndexPath, "manifest.json")));
    }

    [Fact]
    public async Task Load_VectorFileOfAnotherGeneration_StartsEmptyAndIngestRebuilds()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var saved = File.ReadAllBytes(Path.Combine(_harness.Options.IndexPath, "vectors.bin"));
        File.AppendAllText(_harness.BuiltIn("rag.md"), "\nOne more sentence about retrieval.\n");
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        index.Dispose();

        // Simulate a torn write: vectors from the previous generation next to the newer Lucene commit.
        File.WriteAllBytes(Path.Combine(_harness.Options.IndexPath, "vectors.bin"), saved);
        var reloaded = _harness.CreateIndex();
        reloaded.EnsureLoaded();
        Assert.True(reloaded.IsEmpty);

        var result = await _harness.CreateIngestor(reloaded).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        Assert.Equal(5, result.Added.Count);
        Assert.NotNull(reloaded.GetChunk("retrieval-augmented-generation#0"));
    }

    [Fact]
    public async Task Load_IndexOfAnotherModel_StartsEmpty()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        await _harness.CreateIngestor(index).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        index.Dispose();

        using var other = new KnowledgeIndex(_harness.Options.IndexPath, new OtherModelGenerator());
        other.EnsureLoaded();

        Assert.True(other.IsEmpty);
    }

    [Fact]
    public async Task Queries_WhileIngesting_AlwaysSeeACompleteSnapshot()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var retriever = _harness.CreateRetriever(index);
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var queries = 0;
            while (!stop.IsCancellationRequested || queries == 0)
            {
                var passages = await retriever.RetrieveAsync("generator discriminator fake images");
                Assert.Equal("generative-adversarial-networks", passages[0].DocumentId);
                queries++;
            }

            return queries;
        })).ToArray();

        for (var i = 0; i < 5; i++)
        {
            File.AppendAllText(_harness.BuiltIn("tokenization.md"), $"\nRevision {i} adds a sentence about vocabularies.\n");
            var result = await ingestor.IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
            Assert.Single(result.Updated);
        }

        await stop.CancelAsync();
        var counts = await Task.WhenAll(readers);
        Assert.All(counts, count => Assert.True(count > 0));
    }

    [Fact]
    public void VectorMatrix_Search_ReturnsTheBestRowsInOrder()
    {
        var random = new Random(7);
        const int Dimensions = 16;
        var data = new float[500 * Dimensions];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() - 0.5);
        }

        for (var row = 0; row < 500; row++)
        {
            VectorMatrix.Normalize(data.AsSpan(row * Dimensions, Dimensions));
        }

        var matrix = new VectorMatrix(data, Dimensions);
        var query = matrix.Row(123).ToArray();
        var rows = new int[10];
        var scores = new float[10];

        var found = matrix.Search(query, rows, scores, RowFilter.All);

        var expected = Enumerable.Range(0, 500)
            .Select(row => (Row: row, Score: Dot(matrix.Row(row), query)))
            .OrderByDescending(item => item.Score)
            .Take(10)
            .Select(item => item.Row);
        Assert.Equal(10, found);
        Assert.Equal(123, rows[0]);
        Assert.Equal(expected, rows);
        Assert.True(scores.Zip(scores.Skip(1)).All(pair => pair.First >= pair.Second));
    }

    [Fact]
    public void VectorMatrix_LargeMatrix_PreselectsOnQuantizedRowsInOneOrSeveralStripesAndMatchesTheExactRanking()
    {
        const int Dimensions = 384;
        const int Count = 6000;
        var random = new Random(11);
        var data = new float[Count * Dimensions];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() - 0.5);
        }

        for (var row = 0; row < Count; row++)
        {
            VectorMatrix.Normalize(data.AsSpan(row * Dimensions, Dimensions));
        }

        var quantized = new VectorMatrix(data, Dimensions);
        var exact = new VectorMatrix(data, Dimensions, quantizeFrom: int.MaxValue);
        var striped = new VectorMatrix(data, Dimensions, parallelFrom: 1000, stripes: 3);
        Assert.Equal(QuantizedRows.IsSupported, quantized.IsQuantized);
        Assert.False(exact.IsQuantized);
        var collections = Enumerable.Range(0, Count).Select(row => (byte)(row % 3 == 0 ? 1 : 0)).ToArray();

        for (var q = 0; q < 5; q++)
        {
            // A query near a known row, so the top results have clearly different scores.
            var query = exact.Row(q * 997).ToArray();
            for (var d = 0; d < Dimensions; d++)
            {
                query[d] += (float)((random.NextDouble() - 0.5) * 0.05);
            }

            VectorMatrix.Normalize(query);
            foreach (var filter in new[] { RowFilter.All, RowFilter.Collection(collections, 1) })
            {
                var (expectedRows, expectedScores) = (new int[20], new float[20]);
                var (actualRows, actualScores) = (new int[20], new float[20]);
                Assert.Equal(20, exact.Search(query, expectedRows, expectedScores, filter));
                Assert.Equal(20, quantized.Search(query, actualRows, actualScores, filter));
                Assert.Equal(expectedRows, actualRows);
                Assert.Equal(expectedScores, actualScores);
                Assert.Equal(20, striped.Search(query, actualRows, actualScores, filter));
                Assert.Equal(expectedRows, actualRows);
                Assert.Equal(expectedScores, actualScores);
            }
        }
    }

    [Theory]
    [InlineData("discrimnator")]
    [InlineData("discriminater fooled")]
    public async Task SearchKeywords_MisspeltWord_MatchesItsNearSpellings(string query)
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        await _harness.CreateIngestor(index).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var rows = new int[10];
        var snapshot = index.AcquireSnapshot();
        try
        {
            var found = index.SearchKeywords(snapshot, query, null, rows);

            Assert.True(found > 0);
            Assert.Equal("generative-adversarial-networks", KnowledgeIndex.ReadChunk(snapshot, rows[0]).DocumentId);
        }
        finally
        {
            snapshot.Release();
        }
    }

    [Fact]
    public void SearchKeywords_LargeIndex_LeavesOutTermsInMostChunksWhenTheQueryHasARarerOne()
    {
        // 2,400 chunks all saying "everywhere"; one in a hundred also says "zebra".
        var index = _harness.CreateIndex();
        var random = new Random(5);
        var chunks = Enumerable.Range(0, 2400).Select(i =>
        {
            var text = i % 100 == 0 ? $"Chunk {i} is everywhere and mentions a zebra." : $"Chunk {i} is everywhere and mentions nothing else.";
            var chunk = new KnowledgeChunk
            {
                Id = KnowledgeChunk.CreateId($"doc-{i}", 0),
                DocumentId = $"doc-{i}",
                Ordinal = 0,
                Title = $"Document {i}",
                Url = $"https://example.org/{i}",
                Collection = "pilot",
                Section = "Body",
                Start = 0,
                End = text.Length,
                Text = text,
            };
            var vector = Enumerable.Range(0, index.Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            VectorMatrix.Normalize(vector);
            return new IndexedChunk(chunk, vector, (ulong)i);
        }).ToList();
        index.Apply(new IndexUpdate { ReplaceAll = true, Added = chunks, Files = new Dictionary<string, ManifestEntry>(), ChunkingFingerprint = "test" });

        var rows = new int[50];
        var snapshot = index.AcquireSnapshot();
        try
        {
            // The common term would add every other chunk below the 24 zebra chunks; it is left out.
            var found = index.SearchKeywords(snapshot, "everywhere zebra", null, rows);
            Assert.Equal(24, found);
            Assert.All(rows[..found], row => Assert.Contains("zebra", KnowledgeIndex.ReadChunk(snapshot, row).Text, StringComparison.Ordinal));

            // With no rarer term that matches, the common term is searched after all.
            Assert.Equal(50, index.SearchKeywords(snapshot, "everywhere", null, rows));
            Assert.Equal(50, index.SearchKeywords(snapshot, "everywhere okapi", null, rows));
        }
        finally
        {
            snapshot.Release();
        }
    }

    [Fact]
    public void VectorMatrix_Search_HonoursTheRowFilter()
    {
        var matrix = new VectorMatrix([1, 0, 0, 1, 1, 0, 0, 1], 2);
        var collections = new byte[] { 0, 1, 0, 1 };
        var rows = new int[4];
        var scores = new float[4];

        var found = matrix.Search([1f, 0f], rows, scores, RowFilter.Collection(collections, 1));

        Assert.Equal(2, found);
        Assert.Equal([1, 3], rows[..2].Order());
    }

    private static float Dot(ReadOnlySpan<float> a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private sealed class OtherModelGenerator : Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>
    {
        private readonly Microsoft.Extensions.AI.EmbeddingGeneratorMetadata _metadata = new("other", null, "other-model", 8);

        public Task<Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(Microsoft.Extensions.AI.EmbeddingGeneratorMetadata) ? _metadata : null;

        public void Dispose()
        {
        }
    }
}
