using Chatbot.AI.Grounding;
using Chatbot.AI.Providers;
using Chatbot.Grounding;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Tests.Grounding;

/// <summary>The judge on its own, over a hand-written chat client: what it asks, and how it merges what it hears.</summary>
public sealed class ModelGroundingJudgeTests
{
    private static readonly GroundingSource[] s_sources =
    [
        new(1, "OpenAI released GPT-4 on 14 March 2023."),
        new(2, "GPT-4 accepts image and text inputs.\nIt produces text."),
    ];

    private readonly TestChatClient _model = new();
    private readonly FakeLogger<ModelGroundingJudge> _logger = new();

    public ModelGroundingJudgeTests()
    {
        _model.GetServiceCallback = (type, _) => type == typeof(ChatBackend) ? ChatBackend.Ollama(new Uri("http://127.0.0.1:1/"), "llama3.2", "test") : null;
    }

    [Fact]
    public void SelectUnsure_TakesTheClaimsClosestToTheBoundary_UpToTheCap_InAnswerOrder()
    {
        var report = Report(
            Claim("Sure.", 0.95),
            Claim("Close above.", 0.55),
            new SentenceGrounding("Hello!", [], GroundingVerdict.Supported, 0.5) { IsClaim = false },
            Claim("Closest.", 0.49),
            Claim("Edge of the band.", 0.36),
            Claim("Just outside.", 0.34));

        var unsure = CreateJudge(new GroundingJudgeOptions { Enabled = true, Band = 0.15, MaxSentences = 2 }).SelectUnsure(report);

        Assert.Equal([1, 3], unsure);
    }

    [Fact]
    public async Task ReviewAsync_Disabled_AsksNothing()
    {
        var report = Report(Claim("Unsure.", 0.5));

        var reviewed = await CreateJudge(new GroundingJudgeOptions { Enabled = false }).ReviewAsync(report, s_sources);

        Assert.Same(report, reviewed);
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public async Task ReviewAsync_ExtractiveBackend_AsksNothing()
    {
        _model.GetServiceCallback = (type, _) => type == typeof(ChatBackend) ? ChatBackend.Extractive("test") : null;
        var report = Report(Claim("Unsure.", 0.5));

        var reviewed = await CreateJudge(new GroundingJudgeOptions { Enabled = true }).ReviewAsync(report, s_sources);

        Assert.Same(report, reviewed);
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public async Task ReviewAsync_AsksOnceWithLowTemperatureAndJson_AndMergesTheVerdicts()
    {
        IList<ChatMessage>? asked = null;
        ChatOptions? options = null;
        _model.GetResponseAsyncCallback = (messages, o, _) =>
        {
            (asked, options) = (messages.ToList(), o);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, """
                {"verdicts": [
                  {"id": "s1", "verdict": "supported", "source": 2, "reason": "Source 2 lists image inputs."},
                  {"id": "s2", "verdict": "contradicted", "source": 1, "reason": "Source 1 says March."}
                ]}
                """)));
        };
        var report = Report(
            Claim("GPT-4 was released on 14 March 2023.", 0.97, [1]),
            Claim("GPT-4 can read pictures.", 0.45, [2]) with { Evidence = "GPT-4 accepts image and text inputs.", EvidenceSource = 2 },
            Claim("It came out in May.", 0.6, [1]));

        var reviewed = await CreateJudge(new GroundingJudgeOptions { Enabled = true, Band = 0.15 }).ReviewAsync(report, s_sources);

        Assert.Equal(1, _model.CallCount);
        Assert.Equal(0f, options!.Temperature);
        Assert.Same(ChatResponseFormat.Json, options.ResponseFormat);
        var prompt = asked![^1].Text;
        Assert.Contains("[1] OpenAI released GPT-4 on 14 March 2023.", prompt, StringComparison.Ordinal);
        Assert.Contains("[2] GPT-4 accepts image and text inputs. It produces text.", prompt, StringComparison.Ordinal);
        Assert.Equal(
            ["s1 (cites [2]): GPT-4 can read pictures.", "s2 (cites [1]): It came out in May."],
            SentenceLines(prompt));

        Assert.Same(report.Sentences[0], reviewed.Sentences[0]);
        var pictures = reviewed.Sentences[1];
        Assert.Equal(GroundingVerdict.Supported, pictures.Verdict);
        Assert.Equal(0.65, pictures.Score, 6);
        Assert.Equal("Checked by the model: Source 2 lists image inputs.", pictures.Reason);
        Assert.Equal("GPT-4 accepts image and text inputs.", pictures.Evidence);
        Assert.Equal(2, pictures.EvidenceSource);
        var may = reviewed.Sentences[2];
        Assert.Equal(GroundingVerdict.Contradicted, may.Verdict);
        Assert.Equal(0.35, may.Score, 6);
        Assert.Equal("Checked by the model: Source 1 says March.", may.Reason);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message.Contains("2 answered, 2 verdicts changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewAsync_SupportedByASourceTheSentenceDoesNotCite_IsAWrongCitation()
    {
        _model.GetResponseAsyncCallback = (_, _, _) => Reply("""{"id": "s1", "verdict": "supported", "source": 2}""");
        var report = Report(Claim("GPT-4 takes images as input.", 0.42, [1]));

        var reviewed = await CreateJudge(new GroundingJudgeOptions { Enabled = true }).ReviewAsync(report, s_sources);

        var sentence = Assert.Single(reviewed.Sentences);
        Assert.Equal(GroundingVerdict.WrongCitation, sentence.Verdict);
        Assert.Equal("Checked by the model: source [2] says it, not the source cited.", sentence.Reason);
        Assert.True(sentence.Score <= 0.5);
    }

    [Fact]
    public async Task ReviewAsync_SourceNumberThatDoesNotExist_IsIgnored()
    {
        _model.GetResponseAsyncCallback = (_, _, _) => Reply("""{"id": "s1", "verdict": "supported", "source": 9}""");
        var report = Report(Claim("GPT-4 takes images as input.", 0.42, [2]));

        var reviewed = await CreateJudge(new GroundingJudgeOptions { Enabled = true }).ReviewAsync(report, s_sources);

        Assert.Equal(GroundingVerdict.Supported, Assert.Single(reviewed.Sentences).Verdict);
        Assert.Equal("Checked by the model: the sources say it.", reviewed.Sentences[0].Reason);
    }

    [Fact]
    public async Task ReviewAsync_ProviderThrows_KeepsTheLocalVerdictsAndWarns()
    {
        _model.GetResponseAsyncCallback = (_, _, _) => throw new HttpRequestException("connection reset");
        var report = Report(Claim("Unsure.", 0.45));

        var reviewed = await CreateJudge(new GroundingJudgeOptions { Enabled = true }).ReviewAsync(report, s_sources);

        Assert.Same(report, reviewed);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains("failed (HttpRequestException)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewAsync_CallerCancels_IsRethrown()
    {
        using var cancel = new CancellationTokenSource();
        _model.GetResponseAsyncCallback = async (_, _, token) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return new ChatResponse();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateJudge(new GroundingJudgeOptions { Enabled = true }).ReviewAsync(Report(Claim("Unsure.", 0.45)), s_sources, cancel.Token));
    }

    [Fact]
    public async Task ReviewAsync_ModelLogsNoSentenceTextAboveTrace()
    {
        _model.GetResponseAsyncCallback = (_, _, _) => Reply("""{"id": "s1", "verdict": "unsupported", "reason": "SECRET-REASON"}""");

        await CreateJudge(new GroundingJudgeOptions { Enabled = true }).ReviewAsync(Report(Claim("SECRET-SENTENCE", 0.45)), s_sources);

        var records = _logger.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Message.Contains("SECRET-SENTENCE", StringComparison.Ordinal));
        Assert.All(
            records.Where(r => r.Message.Contains("SECRET", StringComparison.Ordinal)),
            r => Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Trace, r.Level));
    }

    /// <summary>The lines under the prompt's "Sentences to check:" heading.</summary>
    internal static string[] SentenceLines(string prompt) =>
        prompt[(prompt.IndexOf(ModelGroundingJudge.SentencesHeading, StringComparison.Ordinal) + ModelGroundingJudge.SentencesHeading.Length)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private ModelGroundingJudge CreateJudge(GroundingJudgeOptions options) => new(_model, Options.Create(options), _logger);

    private static Task<ChatResponse> Reply(string text) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

    private static GroundingReport Report(params SentenceGrounding[] sentences) => new(sentences, TimeSpan.FromMilliseconds(5));

    private static SentenceGrounding Claim(string text, double score, int[]? citations = null) =>
        new(text, citations ?? [], score > 0.5 ? GroundingVerdict.Supported : GroundingVerdict.Unsupported, score);
}
