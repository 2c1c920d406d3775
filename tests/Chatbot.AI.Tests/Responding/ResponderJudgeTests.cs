using System.Diagnostics;
using System.Text.Json.Nodes;
using Chatbot.AI.Answers;
using Chatbot.AI.Grounding;
using Chatbot.AI.Prompting;
using Chatbot.AI.Providers;
using Chatbot.AI.Responding;
using Chatbot.AI.Tests.Extractive;
using Chatbot.AI.Tests.Grounding;
using Chatbot.Grounding;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Tests.Responding;

/// <summary>
/// The model's second opinion in a whole answer: the real provider clients through the pipeline, against the fake
/// Ollama and OpenAI servers on loopback. The answer's second sentence is one the local check is unsure of (spring 2023
/// for a March release); the first is quoted from the source, and sure.
/// </summary>
public sealed class ResponderJudgeTests(ResponderFixture fixture) : IClassFixture<ResponderFixture>
{
    private const string Question = "When did OpenAI release GPT-4?";
    private const string SureSentence = "OpenAI released GPT-4 on 14 March 2023.";
    private const string UnsureSentence = "GPT-4 came out in the spring of 2023.";
    private const string JudgeReply = """
        ```json
        {"verdicts": [{"id": "s1", "verdict": "supported", "source": 1, "reason": "Source 1 dates it to 14 March 2023, which is spring."}]}
        ```
        """;

    private static readonly FakeChatScript s_answer = FakeChatScript.Text("OpenAI released GPT-4 ", "on 14 March 2023 [1]. ", "GPT-4 came out in the spring ", "of 2023 [1].");

    private readonly FakeLogger<ModelGroundingJudge> _judgeLogger = new();

    [Theory]
    [InlineData("ollama")]
    [InlineData("openai")]
    public async Task JudgeOff_SendsNoSecondRequest(string provider)
    {
        var local = await LocalAnswerAsync(s_answer.FullText);
        await using var server = await StartServerAsync(provider);
        server.Enqueue(s_answer, FakeChatScript.Text(JudgeReply));
        await using var host = CreateHost(server);

        var answer = await CreateResponder(host, new GroundingJudgeOptions { Enabled = false, Band = BandBetween(local) }).AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(1, server.ChatRequestCount);
        AssertSameVerdicts(local, answer);
    }

    [Theory]
    [InlineData("ollama")]
    [InlineData("openai")]
    public async Task UnsureSentence_OneJudgeRequestWithTheSourcesAndOnlyThatSentence_AndItsVerdictIsMerged(string provider)
    {
        var local = await LocalAnswerAsync(s_answer.FullText);

        // The claim model doubts the paraphrase (its score is at or below the boundary; the answer-level gate may still
        // clear it, since the answer's other sentence is quoted): exactly what the judge is for.
        Assert.InRange(local.Sentences[1].Score, 0, 0.5);
        await using var server = await StartServerAsync(provider);
        server.Enqueue(s_answer, FakeChatScript.Text(JudgeReply));
        await using var host = CreateHost(server);

        var answer = await CreateResponder(host, new GroundingJudgeOptions { Enabled = true, Band = BandBetween(local) }).AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(2, server.ChatRequestCount);
        var judgeRequest = JsonNode.Parse(server.Requests.Last(r => r.Path is "/api/chat" or "/v1/chat/completions").Body)!;
        var prompt = LastMessageText(judgeRequest);
        Assert.Contains("[1] ", prompt, StringComparison.Ordinal);
        Assert.Contains("[1] " + ExtractiveFixture.Gpt4Text, prompt, StringComparison.Ordinal);
        Assert.Contains($"[{ResponderFixture.SourceCount}] ", prompt, StringComparison.Ordinal);
        Assert.Equal([$"s1 (cites [1]): {UnsureSentence}"], ModelGroundingJudgeTests.SentenceLines(prompt));
        AssertAskedForJson(provider, judgeRequest);

        Assert.Equal(ExpectedBackend(provider), answer.Backend);
        Assert.Equal(local.Text, answer.Text);
        Assert.Equal(local.Sentences[0].Verdict, answer.Sentences[0].Verdict);
        Assert.Equal(local.Sentences[0].Score, answer.Sentences[0].Score);
        var judged = answer.Sentences[1];
        Assert.Equal(UnsureSentence, judged.Text);
        Assert.Equal(GroundingVerdict.Supported, judged.Verdict);
        Assert.True(judged.Score > 0.5);
        Assert.Equal("Checked by the model: Source 1 dates it to 14 March 2023, which is spring.", judged.Reason);
        Assert.Equal(local.Sentences[1].Evidence, judged.Evidence);
        Assert.False(answer.Flagged);
    }

    public static TheoryData<string, string> JudgeFailures => new()
    {
        { "ollama", "garbage" },
        { "openai", "garbage" },
        { "ollama", "http500" },
        { "openai", "http500" },
        { "ollama", "timeout" },
        { "openai", "timeout" },
    };

    [Theory]
    [MemberData(nameof(JudgeFailures))]
    public async Task JudgeFails_TheAnswerIsDeliveredWithTheLocalVerdicts(string provider, string failure)
    {
        var local = await LocalAnswerAsync(s_answer.FullText);
        await using var server = await StartServerAsync(provider);
        server.Enqueue(s_answer);
        server.DefaultScript = failure switch
        {
            "garbage" => FakeChatScript.Text("All of these sentences look fine to me!"),
            "http500" => FakeChatScript.Error(500),
            _ => FakeChatScript.Text(JudgeReply) with { DelayBeforeFirstChunk = TimeSpan.FromSeconds(30) },
        };
        await using var host = CreateHost(server);
        // Only the slow reply should meet the judge's timeout: on a busy machine a 500 or an unusable reply can take
        // longer than 0.5 s to come back, and would then be logged as a timeout instead of the failure under test.
        var timeoutSeconds = failure == "timeout" ? 0.5 : 5;
        var responder = CreateResponder(host, new GroundingJudgeOptions { Enabled = true, Band = BandBetween(local), TimeoutSeconds = timeoutSeconds });

        var watch = Stopwatch.StartNew();
        var answer = await responder.AnswerAsync(new ResponderRequest(Question));

        // The test host's pipeline gives a call 10 s; only the judge's own 0.5 s ends the slow reply sooner.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(9), $"The answer took {watch.Elapsed}.");
        Assert.True(server.ChatRequestCount >= 2);
        Assert.Equal(ExpectedBackend(provider), answer.Backend);
        Assert.Equal(local.Text, answer.Text);
        AssertSameVerdicts(local, answer);
        var expectedWarning = failure switch
        {
            "garbage" => "was unusable",
            "http500" => "failed (Unavailable)",
            _ => "took longer than 0.5 s",
        };
        Assert.Contains(_judgeLogger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains(expectedWarning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SureSentencesOnly_NoJudgeRequest()
    {
        await using var server = await StartServerAsync("ollama");
        server.Enqueue(FakeChatScript.Text("OpenAI released GPT-4 ", "on 14 March 2023 [1]."), FakeChatScript.Text(JudgeReply));
        await using var host = CreateHost(server);

        var answer = await CreateResponder(host, new GroundingJudgeOptions { Enabled = true }).AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(SureSentence, Assert.Single(answer.Sentences).Text);
        Assert.True(Math.Abs(answer.Sentences[0].Score - 0.5) > new GroundingJudgeOptions().Band);
        Assert.Equal(1, server.ChatRequestCount);
    }

    [Fact]
    public async Task ExtractiveBackend_NoJudgeCall()
    {
        var extractive = new TestChatClient
        {
            GetStreamingResponseAsyncCallback = (messages, options, token) => fixture.Extractive.GetStreamingResponseAsync(messages, options, token),
            GetResponseAsyncCallback = (messages, options, token) => fixture.Extractive.GetResponseAsync(messages, options, token),
        };
        await using var host = ChatPipelineTestHost.Create(
            new Dictionary<string, string?> { ["Provider"] = "Extractive" },
            services => services.AddKeyedSingleton<IChatClient>(ChatBackend.ExtractiveName, extractive));

        // Every claim is "unsure" with the widest band: only the backend keeps the judge away.
        var answer = await CreateResponder(host, new GroundingJudgeOptions { Enabled = true, Band = 0.5, MaxSentences = 10 }).AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(ChatBackend.ExtractiveName, answer.Backend);
        Assert.NotEmpty(answer.Sentences);
        Assert.Equal(1, extractive.CallCount);
        Assert.DoesNotContain(answer.Sentences, s => s.Reason?.StartsWith(ModelGroundingJudge.ReasonPrefix, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ModelFailsAndTheExtractiveAnswerStandsIn_NoJudgeCall()
    {
        await using var server = await StartServerAsync("ollama");
        server.DefaultScript = FakeChatScript.Error(500);
        await using var host = CreateHost(server, new() { ["MaxRetries"] = "0" });

        var answer = await CreateResponder(host, new GroundingJudgeOptions { Enabled = true, Band = 0.5, MaxSentences = 10 }).AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(ChatBackend.ExtractiveName, answer.Backend);
        Assert.NotNull(answer.Notice);
        Assert.Equal(1, server.ChatRequestCount);
    }

    /// <summary>
    /// A band that holds the unsure sentence and not the sure one, halfway between their distances from 0.5, so that the
    /// tests do not depend on the exact scores of the shipped grounding model.
    /// </summary>
    private static double BandBetween(Answer local)
    {
        Assert.Equal([SureSentence, UnsureSentence], local.Sentences.Select(s => s.Text));
        var sure = Math.Abs(local.Sentences[0].Score - 0.5);
        var unsure = Math.Abs(local.Sentences[1].Score - 0.5);
        Assert.True(unsure < sure, $"The local check is surer of '{UnsureSentence}' ({local.Sentences[1].Score:F3}) than of '{SureSentence}' ({local.Sentences[0].Score:F3}).");
        return Math.Clamp((sure + unsure) / 2, 0.01, 0.5);
    }

    private static void AssertSameVerdicts(Answer expected, Answer actual) =>
        Assert.Equal(
            expected.Sentences.Select(s => (s.Text, s.Verdict, Math.Round(s.Score, 6), s.Reason)),
            actual.Sentences.Select(s => (s.Text, s.Verdict, Math.Round(s.Score, 6), s.Reason)));

    private static void AssertAskedForJson(string provider, JsonNode request)
    {
        Assert.False((bool?)request["stream"] ?? false);
        if (provider == "ollama")
        {
            Assert.Equal("json", (string?)request["format"]);
            Assert.Equal(0, (double?)request["options"]?["temperature"]);
        }
        else
        {
            Assert.Equal("json_object", (string?)request["response_format"]?["type"]);
            Assert.Equal(0, (double?)request["temperature"]);
        }
    }

    /// <summary>The text of the request's last message, whether its content is a string or a list of parts.</summary>
    private static string LastMessageText(JsonNode request)
    {
        var content = request["messages"]!.AsArray()[^1]!["content"]!;
        return content is JsonArray parts ? string.Concat(parts.Select(p => (string?)p?["text"])) : (string)content!;
    }

    /// <summary>The answer the local check alone gives for <paramref name="text"/>, written by a model that needs no server.</summary>
    private async Task<Answer> LocalAnswerAsync(string text)
    {
        var model = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, _) => TestChatClient.StreamText(text) };
        return await new Responder(fixture.Retriever, model, fixture.Extractive, new PromptBuilder(), fixture.Checker, fixture.Analyzer, new FakeLogger<Responder>())
            .AnswerAsync(new ResponderRequest(Question));
    }

    private static async Task<FakeLlmServer> StartServerAsync(string provider) =>
        provider == "ollama" ? await FakeOllamaServer.StartAsync("llama3.2:latest") : await FakeOpenAiServer.StartAsync();

    private static string ExpectedBackend(string provider) => provider == "ollama" ? "ollama:llama3.2" : "openai:gpt-4o-mini";

    private ChatPipelineTestHost CreateHost(FakeLlmServer server, Dictionary<string, string?>? settings = null)
    {
        void AddExtractive(IServiceCollection services) => services.AddKeyedSingleton<IChatClient>(ChatBackend.ExtractiveName, fixture.Extractive);
        return server is FakeOpenAiServer openAi
            ? ChatPipelineTestHost.ForOpenAI(openAi.Endpoint, settings, AddExtractive)
            : ChatPipelineTestHost.ForOllama(server.BaseAddress, settings, AddExtractive);
    }

    private Responder CreateResponder(ChatPipelineTestHost host, GroundingJudgeOptions judge) =>
        new(fixture.Retriever, host.ChatClient, fixture.Extractive, new PromptBuilder(), fixture.Checker, fixture.Analyzer, new FakeLogger<Responder>(),
            judge: new ModelGroundingJudge(host.ChatClient, Options.Create(judge), _judgeLogger));
}
