using System.Text.Json;
using Chatbot.Grounding;
using Chatbot.Grounding.Model;
using Chatbot.Grounding.Tests.Doubles;
using Chatbot.Tools.Evaluation.Grounding;

namespace Chatbot.Tools.Tests.Evaluation.Grounding;

public sealed class RagTruthEvaluatorTests : IDisposable
{
    // Flags a claim when fewer than about half of its content words occur in the passages: predictable by hand.
    private static readonly GroundingModel CoverageModel = new(["lex_global"], [0.5], [0.25], [-4], 0, 0.5);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ragtruth-{Guid.NewGuid():N}.jsonl");
    private readonly RagTruthEvaluator _evaluator = new(new GroundingChecker(new HashingEmbedder(), CoverageModel));

    public RagTruthEvaluatorTests() => File.WriteAllLines(_path, RagTruthFiles.Mixed());

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task EvaluateAsync_ComputesResponseAndSentenceMetrics()
    {
        var result = await _evaluator.EvaluateAsync(_path);
        Assert.Equal(4, result.Responses);
        Assert.Equal(2, result.Hallucinated);
        Assert.Equal(0.5, result.Precision);
        Assert.Equal(0.5, result.Recall);
        Assert.Equal(0.5, result.F1);
        Assert.Equal(0.5, result.SentencePrecision);
        Assert.Equal(0.5, result.SentenceRecall);
        Assert.Equal(0.5, result.SentenceF1);
        Assert.True(result.MsPerResponse >= 0);
        Assert.Equal([5, 6], result.Skipped.Select(s => s.Line));
    }

    [Fact]
    public async Task EvaluateAsync_ScoresEachGeneratingModel()
    {
        File.WriteAllLines(_path, [.. RagTruthFiles.Mixed().Take(4).Select((line, i) => line.Replace("test-model", i < 2 ? "model-a" : "model-b", StringComparison.Ordinal))]);
        var result = await _evaluator.EvaluateAsync(_path);

        Assert.Equal(["model-a", "model-b"], result.ByModel.Keys);
        var a = result.ByModel["model-a"];
        Assert.Equal((2, 1, 1, 1.0, 1.0), (a.Responses, a.Hallucinated, a.Flagged, a.Precision, a.Recall));
        var b = result.ByModel["model-b"];
        Assert.Equal((2, 1, 1, 0.0, 0.0), (b.Responses, b.Hallucinated, b.Flagged, b.Precision, b.Recall));
        Assert.Contains("model-b", result.ToReport(), StringComparison.Ordinal);
        Assert.Contains("sentence P", result.ToReport(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_SummaryJson_HasTheAgreedFields()
    {
        var result = await _evaluator.EvaluateAsync(_path);
        using var json = JsonDocument.Parse(result.ToJson());
        foreach (var field in new[] { "responses", "hallucinated", "precision", "recall", "f1", "sentence_precision", "sentence_recall", "sentence_f1", "ms_per_response", "by_model", "span", "span_in_right_flags", "flagged_sentence_chars" })
        {
            Assert.True(json.RootElement.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task EvaluateAsync_ScoresTheMarkedWordsPerCharacterAgainstTheLabelledSpans()
    {
        const string response = "The Eiffel Tower is in Paris. Its architect designed the Sydney Opera House.";
        File.WriteAllLines(_path, [RagTruthFiles.Line("s", response, true, "the Sydney Opera House")]);

        var result = await _evaluator.EvaluateAsync(_path);

        // Marked: "architect designed the Sydney Opera House" (41 characters), of which the labelled 22.
        var spans = result.Spans!;
        Assert.Equal((41, 22), (spans.Marked, spans.Labelled));
        Assert.Equal(Math.Round(22.0 / 41, 4), spans.Precision);
        Assert.Equal(1.0, spans.Recall);
        Assert.Equal(spans, result.SpansInRightFlags);

        // The flagged sentence taken whole, as a flag covered it before: 46 characters for the same 22.
        Assert.Equal((46, 22), (result.FlaggedSentencesAsSpans!.Marked, result.FlaggedSentencesAsSpans.Labelled));
        Assert.Equal((1, 1), (result.Flagged, result.FlaggedWithSpans));
        Assert.Contains("characters: spans P 0.537 R 1.000", result.ToReport(), StringComparison.Ordinal);

        using var writer = new StringWriter();
        await RagTruthEvaluator.WritePredictionsAsync(result, writer);
        using var line = JsonDocument.Parse(writer.ToString());
        var marked = Assert.Single(Assert.Single(line.RootElement.GetProperty("flagged").EnumerateArray()).GetProperty("spans").EnumerateArray());
        Assert.Equal("architect designed the Sydney Opera House", marked.GetProperty("text").GetString());
        Assert.Equal(response.IndexOf("architect", StringComparison.Ordinal), marked.GetProperty("start").GetInt32());
    }

    [Fact]
    public void SpanScore_Count_CountsEachCharacterOnceWithinTheRange()
    {
        var counts = RagTruthSpanScore.Count([(0, 5), (3, 8)], [(6, 12)], 0, 10);

        Assert.Equal(new BinaryCounts(2, 6, 2, 0), counts);
    }

    [Fact]
    public async Task WritePredictionsAsync_WritesOneLinePerResponseWithFlaggedSentences()
    {
        var result = await _evaluator.EvaluateAsync(_path);
        using var writer = new StringWriter();
        await RagTruthEvaluator.WritePredictionsAsync(result, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        using var b = JsonDocument.Parse(lines[1]);
        Assert.Equal("b", b.RootElement.GetProperty("id").GetString());
        Assert.True(b.RootElement.GetProperty("predicted").GetBoolean());
        var flag = Assert.Single(b.RootElement.GetProperty("flagged").EnumerateArray());
        Assert.True(flag.GetProperty("labelled").GetBoolean());
        Assert.StartsWith("Its architect", flag.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
