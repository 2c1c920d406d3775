using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Tests.TestSupport;
using Chatbot.Tools.Benchmarks.Knowledge;

namespace Chatbot.Tools.Tests.Benchmarks.Knowledge;

public sealed class KnowledgeBenchmarkTests : IDisposable
{
    private readonly KnowledgeHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task MeasureRecallAsync_ScoresQuestionsAndReportsMissesAndProblems()
    {
        _harness.WriteCorpus();
        var index = _harness.CreateIndex();
        await _harness.CreateIngestor(index).IngestAsync(IngestSource.BuiltIn(_harness.Options.BuiltInPath));
        var questions = _harness.Folder.Write("eval/questions-test.jsonl", """
            {"question": "How does the discriminator spot fake images?", "relevant": ["generative-adversarial-networks"]}
            {"question": "What does byte pair encoding merge?", "relevant": ["tokenization"]}

            {"question": "What is a noise schedule?", "relevant": ["diffusion-models", "no-such-document"]}
            not json
            """);
        var benchmark = new KnowledgeBenchmark(_harness.CreateRetriever(index), _harness.Options);

        var result = await benchmark.MeasureRecallAsync(Path.GetDirectoryName(questions)!, k: 5);

        Assert.Equal(3, result.Questions);
        Assert.Equal(5, result.K);
        Assert.Equal((1 + 1 + 0.5) / 3, result.Recall, 6);
        Assert.Equal(1.0, result.HitRate);
        Assert.True(result.MeanReciprocalRank > 0.5);
        Assert.Equal("What is a noise schedule?", Assert.Single(result.Misses).Question);
        Assert.Contains(result.Problems, problem => problem.Contains(":5: invalid JSON", StringComparison.Ordinal));
        Assert.Contains(result.Problems, problem => problem.Contains("no-such-document", StringComparison.Ordinal));
        Assert.True(result.P95Milliseconds >= result.P50Milliseconds);
    }

    [Fact]
    public async Task MeasureScaleAsync_SmallCorpus_ReportsEveryMeasureAndCleansUp()
    {
        var index = _harness.CreateIndex();
        var benchmark = new KnowledgeBenchmark(_harness.CreateRetriever(index), _harness.Options);
        var steps = new RecordingProgress<string>();

        var result = await benchmark.MeasureScaleAsync([300], queriesPerSize: 5, progress: steps);

        var point = Assert.Single(result.Points);
        Assert.Equal(300, point.Chunks);
        Assert.Equal(5, point.Queries);
        Assert.True(point.BuildTime > TimeSpan.Zero);
        Assert.True(point.LoadTime > TimeSpan.Zero);
        Assert.True(point.P95Milliseconds >= point.P50Milliseconds);
        Assert.True(point.WorkingSetBytes > 0);
        Assert.True(point.IndexBytesOnDisk > 300 * 384 * 4);
        Assert.Equal("test-hashing", result.ModelId);
        Assert.Contains("RANDOM unit vectors", result.Description, StringComparison.Ordinal);
        Assert.Contains("QUERY is embedded by the real", result.Description, StringComparison.Ordinal);
        Assert.True(point.KeywordP50Milliseconds > 0 && point.DenseP50Milliseconds > 0);
        Assert.Equal(1.0, point.DenseAgreementWithExact);

        // 10 warm-up + 5 timed queries + the same 5 embedded again for the parts; no corpus embedding.
        Assert.Equal(20, _harness.Generator.TextsEmbedded);
        Assert.NotEmpty(steps.Reports);
    }
}
