using Chatbot.AI.Prompting;
using Chatbot.AI.Responding;
using Chatbot.Grounding;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Tests.Responding;

/// <summary>
/// <c>Grounding:Policy</c> end to end: the real provider client through the pipeline against a fake model server on
/// loopback, the real index, grounding checker and extractive backend. Flag shows what the model wrote with its flags;
/// Repair shows only what the check accepts, and keeps the rest with the answer.
/// </summary>
public abstract class ResponderPolicyTests(ResponderFixture fixture) : IClassFixture<ResponderFixture>, IAsyncLifetime
{
    private const string Question = "When did OpenAI release GPT-4?";
    private const string CorrectSentence = "OpenAI released GPT-4 on 14 March 2023";
    private const string Invented = "GPT-4 was designed mainly to steer household robots and kitchen appliances";

    private static readonly string[] s_moreInventions =
    [
        "GPT-4 runs entirely on a pocket calculator powered by a small solar panel",
        "Every copy of GPT-4 is engraved by hand on copper plates in a Swiss monastery",
    ];

    private FakeLlmServer _server = null!;
    private ChatPipelineTestHost _host = null!;

    protected abstract Task<FakeLlmServer> StartServerAsync();

    protected abstract ChatPipelineTestHost CreateHost(FakeLlmServer server);

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        _host = CreateHost(_server);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Flag_ShowsTheInventedSentence_Flagged_AndStreamsAsTheModelWrites()
    {
        var gpt4 = await SourceSayingAsync("14 March 2023");
        Script($"{CorrectSentence} [{gpt4}]. {Invented} [{gpt4}].");

        var updates = await CollectAsync(CreateResponder(GroundingPolicy.Flag).StreamAsync(new ResponderRequest(Question)));

        Assert.True(updates.Count(u => u.Kind == ResponderUpdateKind.Text) > 1, "the model's words should stream under Flag");
        var answer = Assert.Single(updates, u => u.Kind == ResponderUpdateKind.Completed).Answer!;
        Assert.Equal(2, answer.Sentences.Count);
        Assert.Equal(GroundingVerdict.Unsupported, answer.Sentences[1].Verdict);
        Assert.Contains(Invented, answer.Text, StringComparison.Ordinal);
        Assert.Empty(answer.Withheld);
        Assert.False(answer.Repaired);
    }

    [Fact]
    public async Task Repair_DropsTheInventedSentence_KeepsTheRest_AndRecordsItWithheld()
    {
        var gpt4 = await SourceSayingAsync("14 March 2023");
        Script($"{CorrectSentence} [{gpt4}]. {Invented} [{gpt4}].");

        var updates = await CollectAsync(CreateResponder(GroundingPolicy.Repair).StreamAsync(new ResponderRequest(Question)));

        var answer = Assert.Single(updates).Answer!;
        Assert.Equal($"{CorrectSentence} [1].", answer.Text);
        var sentence = Assert.Single(answer.Sentences);
        Assert.Equal(GroundingVerdict.Supported, sentence.Verdict);
        Assert.Equal((0, answer.Text.Length), (sentence.Start, sentence.Length));
        Assert.False(answer.Flagged);
        var withheld = Assert.Single(answer.Withheld);
        Assert.StartsWith(Invented, withheld.Text, StringComparison.Ordinal);
        Assert.Equal(GroundingVerdict.Unsupported, withheld.Verdict);
        Assert.False(string.IsNullOrEmpty(withheld.Reason));
        Assert.Contains("[1]", withheld.Reason, StringComparison.Ordinal);
        Assert.False(answer.FellBack);
        Assert.True(answer.Repaired);
        Assert.Equal(ExpectedBackend, answer.Backend);
        Assert.Null(answer.Notice);
    }

    [Fact]
    public async Task Repair_NoTextUpdatePrecedesTheCompletedAnswer()
    {
        var gpt4 = await SourceSayingAsync("14 March 2023");
        Script($"{CorrectSentence} [{gpt4}]. {Invented} [{gpt4}].");

        var updates = await CollectAsync(CreateResponder(GroundingPolicy.Repair).StreamAsync(new ResponderRequest(Question)));

        Assert.Equal([ResponderUpdateKind.Completed], updates.Select(u => u.Kind));
        Assert.DoesNotContain(Invented, updates[0].Text, StringComparison.Ordinal);
        Assert.Equal(1, _server.ChatRequestCount);
    }

    [Fact]
    public async Task WrongCitation_FlagShowsIt_RepairPointsTheMarkerAtTheSupportingSource()
    {
        var gpt4 = await SourceSayingAsync("14 March 2023");
        var other = await SourceSayingAsync("generator");
        Script($"{CorrectSentence} [{other}].");
        var flagged = await CreateResponder(GroundingPolicy.Flag).AnswerAsync(new ResponderRequest(Question));
        Script($"{CorrectSentence} [{other}].");

        var repaired = await CreateResponder(GroundingPolicy.Repair).AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(GroundingVerdict.WrongCitation, Assert.Single(flagged.Sentences).Verdict);
        Assert.Equal($"{CorrectSentence} [1].", repaired.Text);
        var sentence = Assert.Single(repaired.Sentences);
        Assert.Equal(GroundingVerdict.Supported, sentence.Verdict);
        Assert.Equal([1], sentence.Citations);
        Assert.Contains("14 March 2023", repaired.Citations[0].Quote, StringComparison.Ordinal);
        Assert.Equal(1, repaired.CorrectedCitations);
        Assert.Empty(repaired.Withheld);
        Assert.NotEqual(gpt4, other);
    }

    [Fact]
    public async Task CitationOfASourceThatDoesNotExist_RepairPointsItAtTheSupportingSource()
    {
        Script($"{CorrectSentence} [9].");

        var answer = await CreateResponder(GroundingPolicy.Repair).AnswerAsync(new ResponderRequest(Question));

        Assert.Equal($"{CorrectSentence} [1].", answer.Text);
        Assert.Equal(GroundingVerdict.Supported, Assert.Single(answer.Sentences).Verdict);
        Assert.Equal(1, answer.CorrectedCitations);
    }

    [Fact]
    public async Task MostlyInvented_Repair_FallsBackToTheExtractiveAnswer_WithANotice_AndWithholdsTheWholeModelAnswer()
    {
        var gpt4 = await SourceSayingAsync("14 March 2023");
        var request = await CreateResponder(GroundingPolicy.Repair).PreparePromptAsync(new ResponderRequest(Question));
        Script($"{CorrectSentence} [{gpt4}]. {Invented} [{gpt4}]. {s_moreInventions[0]} [{gpt4}]. {s_moreInventions[1]} [{gpt4}].");

        var updates = await CollectAsync(CreateResponder(GroundingPolicy.Repair).StreamAsync(new ResponderRequest(Question)));

        var answer = Assert.Single(updates).Answer!;
        Assert.Equal("extractive", answer.Backend);
        Assert.Equal(Responder.UnverifiedNotice, answer.Notice);
        Assert.True(answer.FellBack);
        Assert.Equal(await fixture.Composer.ComposeAsync(request), answer.Text);
        Assert.All(answer.Sentences, s => Assert.Equal(GroundingVerdict.Supported, s.Verdict));
        Assert.DoesNotContain("household", answer.Text, StringComparison.Ordinal);
        Assert.Equal(4, answer.Withheld.Count);
        Assert.StartsWith(CorrectSentence, answer.Withheld[0].Text, StringComparison.Ordinal);
        Assert.Equal(Responder.FellBackReason, answer.Withheld[0].Reason);
        Assert.StartsWith(Invented, answer.Withheld[1].Text, StringComparison.Ordinal);
        Assert.All(answer.Withheld.Skip(1), w => Assert.NotEqual(GroundingVerdict.Supported, w.Verdict));
    }

    [Fact]
    public async Task MostlyInvented_Flag_ShowsEverySentence()
    {
        var gpt4 = await SourceSayingAsync("14 March 2023");
        Script($"{CorrectSentence} [{gpt4}]. {Invented} [{gpt4}]. {s_moreInventions[0]} [{gpt4}]. {s_moreInventions[1]} [{gpt4}].");

        var answer = await CreateResponder(GroundingPolicy.Flag).AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(ExpectedBackend, answer.Backend);
        Assert.Equal(4, answer.Sentences.Count);
        Assert.True(answer.FlaggedCount >= 3);
        Assert.False(answer.FellBack);
    }

    [Fact]
    public async Task Repair_AMinimumShareOfZero_StillFallsBackWhenNoClaimSurvives()
    {
        var gpt4 = await SourceSayingAsync("14 March 2023");
        Script($"{Invented} [{gpt4}].");

        var answer = await CreateResponder(GroundingPolicy.Repair, minimumKeptShare: 0).AnswerAsync(new ResponderRequest(Question));

        Assert.True(answer.FellBack);
        Assert.Equal("extractive", answer.Backend);
        Assert.StartsWith(Invented, Assert.Single(answer.Withheld).Text, StringComparison.Ordinal);
    }

    protected abstract string ExpectedBackend { get; }

    private Responder CreateResponder(GroundingPolicy policy, double minimumKeptShare = 0.5) => new(
        fixture.Retriever,
        _host.ChatClient,
        fixture.Extractive,
        new PromptBuilder(),
        fixture.Checker,
        fixture.Analyzer,
        new FakeLogger<Responder>(),
        grounding: Options.Create(new GroundingOptions { Policy = policy, MinimumKeptShare = minimumKeptShare }));

    /// <summary>The model's next reply, streamed word by word as a model writes it.</summary>
    private void Script(string reply) =>
        _server.Enqueue(FakeChatScript.Text(System.Text.RegularExpressions.Regex.Split(reply, "(?<= )")));

    /// <summary>The number the prompt gives the source that contains <paramref name="fact"/> (retrieval is deterministic).</summary>
    private async Task<int> SourceSayingAsync(string fact)
    {
        var prompt = await CreateResponder(GroundingPolicy.Flag).PreparePromptAsync(new ResponderRequest(Question));
        return Assert.Single(prompt.Sources, s => s.Text.Contains(fact, StringComparison.Ordinal)).Number;
    }

    private static async Task<List<ResponderUpdate>> CollectAsync(IAsyncEnumerable<ResponderUpdate> updates)
    {
        var list = new List<ResponderUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }
}

public sealed class OllamaResponderPolicyTests(ResponderFixture fixture) : ResponderPolicyTests(fixture)
{
    protected override string ExpectedBackend => "ollama:llama3.2";

    protected override async Task<FakeLlmServer> StartServerAsync() => await FakeOllamaServer.StartAsync("llama3.2:latest");

    protected override ChatPipelineTestHost CreateHost(FakeLlmServer server) => ChatPipelineTestHost.ForOllama(server.BaseAddress);
}

public sealed class OpenAIResponderPolicyTests(ResponderFixture fixture) : ResponderPolicyTests(fixture)
{
    protected override string ExpectedBackend => "openai:gpt-4o-mini";

    protected override async Task<FakeLlmServer> StartServerAsync() => await FakeOpenAiServer.StartAsync();

    protected override ChatPipelineTestHost CreateHost(FakeLlmServer server) => ChatPipelineTestHost.ForOpenAI(((FakeOpenAiServer)server).Endpoint);
}
