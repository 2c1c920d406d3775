using Chatbot.AI.Extractive;
using Chatbot.AI.Pipeline;
using Chatbot.AI.Prompting;
using Chatbot.AI.Providers;
using Chatbot.AI.Responding;
using Chatbot.Grounding;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.AI.Tests.Responding;

/// <summary>
/// The responder over a real index, grounding checker and extractive backend, with a <see cref="TestChatClient"/>
/// standing in for the language model: what it checks, when it falls back, and that it always gives one answer.
/// </summary>
public sealed class ResponderTests(ResponderFixture fixture) : IClassFixture<ResponderFixture>
{
    private const string Question = "When did OpenAI release GPT-4?";
    private const string CorrectSentence = "OpenAI released GPT-4 on 14 March 2023";

    private static readonly ChatBackend s_ollama = ChatBackend.Ollama(new Uri("http://localhost:11434"), "llama3.2", "Configured.");

    private readonly TestChatClient _model = new();
    private readonly FakeLogger<Responder> _logger = new();

    [Fact]
    public async Task AnswerAsync_ModelCitesTheRightSource_SentenceIsSupportedAndBackendIsTheModel()
    {
        _model.GetServiceCallback = (type, key) => key is null && type == typeof(ChatBackend) ? s_ollama : null;
        var gpt4 = 0;
        _model.GetResponseAsyncCallback = (_, options, _) =>
        {
            gpt4 = SourceSaying(options, "14 March 2023");
            return Reply($"{CorrectSentence} [{gpt4}].");
        };

        var answer = await CreateResponder().AnswerAsync(new ResponderRequest(Question));

        var sentence = Assert.Single(answer.Sentences);
        Assert.Equal(GroundingVerdict.Supported, sentence.Verdict);
        Assert.Equal([1], sentence.Citations);
        Assert.Equal("ollama:llama3.2", answer.Backend);
        Assert.Null(answer.Notice);
        Assert.False(answer.Flagged);
        Assert.Equal(1, _model.CallCount);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.Number));
        var cited = answer.Citations[0];
        Assert.Equal("https://example.org/gpt-4", cited.Url);
        Assert.Contains("14 March 2023", cited.Quote, StringComparison.Ordinal);
        Assert.StartsWith("gpt-4#", cited.ChunkId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_ModelCitesALaterSourceFirst_CitationsAreNumberedFromOneInOrderOfUse()
    {
        string? otherTitle = null;
        _model.GetResponseAsyncCallback = (_, options, _) =>
        {
            var request = Assert.IsType<PromptRequest>(options?.AdditionalProperties?[ExtractiveChatClient.PromptRequestKey]);
            var gpt4 = SourceSaying(options, "14 March 2023");
            var other = request.Sources.Last(s => s.Number != gpt4 && !s.Title.StartsWith(request.Sources[gpt4 - 1].Title.Split(':')[0], StringComparison.Ordinal));
            otherTitle = other.Title.Split(':')[0];
            var quoted = other.Text.Split(". ")[0].TrimEnd('.');
            return Reply($"{quoted} [{other.Number}]. {CorrectSentence} [{gpt4}].");
        };

        var answer = await CreateResponder().AnswerAsync(new ResponderRequest(Question));

        Assert.Equal([1], answer.Sentences[0].Citations);
        Assert.Equal([2], answer.Sentences[1].Citations);
        Assert.Contains("[1]", answer.Text[..answer.Sentences[0].Length], StringComparison.Ordinal);
        Assert.Equal(otherTitle, answer.Citations[0].Title);
        Assert.Contains("14 March 2023", answer.Citations[1].Quote, StringComparison.Ordinal);
        Assert.Equal(answer.Citations.Select(c => c.Title).Distinct().Count(), answer.Citations.Count);
    }

    [Fact]
    public async Task AnswerAsync_ModelWithoutChatBackendService_NamesTheExtractiveBackend()
    {
        _model.GetResponseAsyncCallback = (_, options, _) => Reply($"{CorrectSentence} [{SourceSaying(options, "14 March 2023")}].");
        var responder = CreateResponder();

        var answer = await responder.AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(ChatBackend.ExtractiveName, responder.BackendName);
        Assert.Equal(ChatBackend.ExtractiveName, answer.Backend);
        Assert.Null(answer.Notice);
    }

    [Fact]
    public async Task AnswerAsync_ModelSendsThePromptAndTheStructuredRequest()
    {
        IReadOnlyList<ChatMessage>? sent = null;
        PromptRequest? request = null;
        _model.GetResponseAsyncCallback = (messages, options, _) =>
        {
            sent = messages.ToList();
            request = options?.AdditionalProperties?[ExtractiveChatClient.PromptRequestKey] as PromptRequest;
            return Reply($"{CorrectSentence} [1].");
        };

        await CreateResponder().AnswerAsync(new ResponderRequest(Question) { Style = AnswerStyle.Expert });

        Assert.NotNull(request);
        Assert.Equal(Question, request.Question);
        Assert.Equal(AnswerStyle.Expert, request.Style);
        Assert.Equal(ResponderFixture.SourceCount, request.Sources.Count);
        Assert.NotNull(sent);
        Assert.Equal(ChatRole.System, sent[0].Role);
        Assert.Contains(Question, sent[^1].Text, StringComparison.Ordinal);
        Assert.All(request.Sources, source => Assert.Contains(source.Text, sent[^1].Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_ModelInventsASentence_ThatSentenceIsFlaggedUnsupported()
    {
        const string Invented = "GPT-4 was designed mainly to steer household robots and kitchen appliances";
        _model.GetResponseAsyncCallback = (_, options, _) =>
        {
            var gpt4 = SourceSaying(options, "14 March 2023");
            return Reply($"{CorrectSentence} [{gpt4}]. {Invented} [{gpt4}].");
        };

        var answer = await CreateResponder().AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(2, answer.Sentences.Count);
        Assert.Equal(GroundingVerdict.Supported, answer.Sentences[0].Verdict);
        Assert.Equal(GroundingVerdict.Unsupported, answer.Sentences[1].Verdict);
        Assert.StartsWith(Invented, answer.Sentences[1].Text, StringComparison.Ordinal);
        Assert.Equal(1, answer.FlaggedCount);
    }

    [Fact]
    public async Task AnswerAsync_ModelCitesASourceThatDoesNotExist_SentenceIsNotSupported()
    {
        _model.GetResponseAsyncCallback = (_, _, _) => Reply($"{CorrectSentence} [9].");

        var answer = await CreateResponder().AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(ResponderFixture.SourceCount, answer.Citations.Count);
        var sentence = Assert.Single(answer.Sentences);
        Assert.Equal([9], sentence.Citations);
        Assert.NotEqual(GroundingVerdict.Supported, sentence.Verdict);
        Assert.Contains("[9]", sentence.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChatBackendFailureKind.Timeout, "took too long")]
    [InlineData(ChatBackendFailureKind.Unavailable, "unavailable")]
    [InlineData(ChatBackendFailureKind.CircuitOpen, "unavailable")]
    [InlineData(ChatBackendFailureKind.BrokenStream, "cut off")]
    [InlineData(ChatBackendFailureKind.BadResponse, "unusable")]
    public async Task AnswerAsync_ModelFails_AnswersOnceFromTheSourcesWithANotice(ChatBackendFailureKind kind, string notice)
    {
        _model.GetServiceCallback = (type, key) => key is null && type == typeof(ChatBackend) ? s_ollama : null;
        PromptRequest? request = null;
        _model.GetResponseAsyncCallback = (_, options, _) =>
        {
            request = (PromptRequest)options!.AdditionalProperties![ExtractiveChatClient.PromptRequestKey]!;
            throw new ChatBackendException(kind, "The model failed.");
        };

        var answer = await CreateResponder().AnswerAsync(new ResponderRequest(Question));

        Assert.NotNull(request);
        Assert.Equal(await fixture.Composer.ComposeAsync(request), answer.Text);
        Assert.NotEqual(ExtractiveComposer.NotCoveredAnswer, answer.Text);
        Assert.Equal(ChatBackend.ExtractiveName, answer.Backend);
        Assert.Contains(notice, answer.Notice, StringComparison.Ordinal);
        Assert.Equal(1, _model.CallCount);
        Assert.All(answer.Sentences, s => Assert.Equal(GroundingVerdict.Supported, s.Verdict));
        var warning = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.IsType<ChatBackendException>(warning.Exception);
    }

    [Fact]
    public async Task AnswerAsync_ModelReturnsNothing_AnswersFromTheSourcesWithANotice()
    {
        _model.GetResponseAsyncCallback = (_, _, _) => Reply("   ");

        var answer = await CreateResponder().AnswerAsync(new ResponderRequest(Question));

        Assert.Equal(ChatBackend.ExtractiveName, answer.Backend);
        Assert.Contains("unusable", answer.Notice, StringComparison.Ordinal);
        Assert.Contains("14 March 2023", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_CallerCancelsWhileTheModelAnswers_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        _model.GetResponseAsyncCallback = async (_, _, cancellationToken) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("Not reached.");
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateResponder().AnswerAsync(new ResponderRequest(Question), cts.Token));
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task AnswerAsync_ModelFailsAsTheCallerCancels_ThrowsOperationCanceledNotTheFailure()
    {
        using var cts = new CancellationTokenSource();
        _model.GetResponseAsyncCallback = async (_, _, _) =>
        {
            // The failure and the cancellation race: the caller's cancellation must win.
            await cts.CancelAsync();
            throw new ChatBackendException(ChatBackendFailureKind.Timeout, "No first token in time.");
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateResponder().AnswerAsync(new ResponderRequest(Question), cts.Token));
    }

    [Fact]
    public async Task AnswerAsync_AlreadyCancelled_ThrowsWithoutCallingTheModel()
    {
        _model.GetResponseAsyncCallback = (_, _, _) => Reply($"{CorrectSentence} [1].");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateResponder().AnswerAsync(new ResponderRequest(Question), new CancellationToken(canceled: true)));
        Assert.Equal(0, _model.CallCount);
    }

    private Responder CreateResponder()
    {
        // The responder always asks the model to stream; these tests write the model's reply whole, and it streams word by word.
        _model.GetStreamingResponseAsyncCallback ??= (messages, options, cancellationToken) =>
            WordByWord(() => _model.GetResponseAsyncCallback!(messages, options, cancellationToken), cancellationToken);
        return new(fixture.Retriever, _model, fixture.Extractive, new PromptBuilder(), fixture.Checker, fixture.Analyzer, _logger);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> WordByWord(
        Func<Task<ChatResponse>> reply, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = (await reply()).Text;
        foreach (var word in System.Text.RegularExpressions.Regex.Split(text, @"(?<= )"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word);
        }
    }

    private static Task<ChatResponse> Reply(string text) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

    /// <summary>The number of the source whose passage contains <paramref name="fact"/>, read the way a model reads its prompt.</summary>
    private static int SourceSaying(ChatOptions? options, string fact)
    {
        var request = Assert.IsType<PromptRequest>(options?.AdditionalProperties?[ExtractiveChatClient.PromptRequestKey]);
        return Assert.Single(request.Sources, s => s.Text.Contains(fact, StringComparison.Ordinal)).Number;
    }
}
