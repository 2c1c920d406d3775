using System.Net;
using System.Runtime.CompilerServices;
using Chatbot.AI.Pipeline;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.AI.Tests.Pipeline;

public sealed class ResilientChatClientTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "What is a GAN?")];
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Circuit_OpensAfterConsecutiveFailures_AndFailsFast()
    {
        var inner = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw Http(HttpStatusCode.BadGateway) };
        using var client = CreateClient(inner, breakAfterFailures: 2);

        await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));
        await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));
        var failFast = await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));

        Assert.Equal(ChatBackendFailureKind.CircuitOpen, failFast.Kind);
        Assert.Equal(TimeSpan.FromSeconds(60), failFast.RetryAfter);
        Assert.Equal(0, failFast.Attempts);
        Assert.Equal(2, inner.CallCount);
        Assert.Equal(ChatCircuitState.Open, client.CircuitState);
    }

    [Fact]
    public async Task Circuit_HalfOpensAfterTheBreak_AndASuccessfulTrialClosesIt()
    {
        var fail = true;
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => fail
                ? throw Http(HttpStatusCode.ServiceUnavailable)
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))),
        };
        using var client = CreateClient(inner, breakAfterFailures: 1);
        await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(ChatCircuitState.Open, client.CircuitState);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ChatCircuitState.HalfOpen, client.CircuitState);

        fail = false;
        var response = await client.GetResponseAsync(s_question);

        Assert.Equal("ok", response.Text);
        Assert.Equal(ChatCircuitState.Closed, client.CircuitState);
    }

    [Fact]
    public async Task Circuit_AFailedTrialReopensIt()
    {
        var inner = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw Http(HttpStatusCode.InternalServerError) };
        using var client = CreateClient(inner, breakAfterFailures: 3);
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));
        }

        _time.Advance(TimeSpan.FromSeconds(60));
        var trial = await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));

        Assert.Equal(ChatBackendFailureKind.Unavailable, trial.Kind);
        Assert.Equal(ChatCircuitState.Open, client.CircuitState);
        Assert.Equal(4, inner.CallCount);
    }

    [Fact]
    public async Task Circuit_WhileHalfOpen_LetsOnlyOneTrialThrough()
    {
        var fail = true;
        var trialRunning = new TaskCompletionSource();
        var finishTrial = new TaskCompletionSource<ChatResponse>();
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) =>
            {
                if (fail)
                {
                    throw Http(HttpStatusCode.InternalServerError);
                }

                trialRunning.TrySetResult();
                return finishTrial.Task;
            },
        };
        using var client = CreateClient(inner, breakAfterFailures: 1);
        await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));
        _time.Advance(TimeSpan.FromSeconds(60));
        fail = false;

        var trial = client.GetResponseAsync(s_question);
        await trialRunning.Task;
        var second = await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));
        finishTrial.SetResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        await trial;

        Assert.Equal(ChatBackendFailureKind.CircuitOpen, second.Kind);
        Assert.Equal(ChatCircuitState.Closed, client.CircuitState);
    }

    [Fact]
    public async Task CancellationByTheCaller_IsRethrownAndNotCounted()
    {
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = async (_, _, cancellationToken) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                throw new InvalidOperationException("unreachable");
            },
        };
        using var client = CreateClient(inner, breakAfterFailures: 1);
        using var cancellation = new CancellationTokenSource();

        var call = client.GetResponseAsync(s_question, cancellationToken: cancellation.Token);
        await cancellation.CancelAsync();
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.IsNotType<ChatBackendException>(cancelled);
        Assert.Equal(ChatCircuitState.Closed, client.CircuitState);
    }

    [Fact]
    public async Task CancellingAHalfOpenTrial_LeavesTheCircuitHalfOpenForTheNextCaller()
    {
        var fail = true;
        var inner = new TestChatClient
        {
            GetStreamingResponseAsyncCallback = (_, _, cancellationToken) => fail ? Throw(Http(HttpStatusCode.InternalServerError)) : WaitForever(cancellationToken),
        };
        using var client = CreateClient(inner, breakAfterFailures: 1);
        await Assert.ThrowsAsync<ChatBackendException>(() => client.GetStreamingResponseAsync(s_question).ToChatResponseAsync());
        _time.Advance(TimeSpan.FromSeconds(60));
        fail = false;
        using var cancellation = new CancellationTokenSource();

        var trial = client.GetStreamingResponseAsync(s_question, cancellationToken: cancellation.Token).ToChatResponseAsync();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trial);

        Assert.Equal(ChatCircuitState.HalfOpen, client.CircuitState);
    }

    [Fact]
    public async Task Streaming_ContentlessUpdatesAreHeldBack_SoARetryDuplicatesNothing()
    {
        var attempt = 0;
        var inner = new TestChatClient
        {
            GetStreamingResponseAsyncCallback = (_, _, _) => ++attempt == 1 ? RoleThenFailure() : TestChatClient.StreamText("Hello", " there"),
        };
        using var client = CreateClient(inner);
        client.MaxRetries = 2;
        var updates = new List<ChatResponseUpdate>();

        await foreach (var update in client.GetStreamingResponseAsync(s_question))
        {
            updates.Add(update);
        }

        Assert.Equal(2, inner.CallCount);
        Assert.Equal(["Hello", " there"], updates.Select(u => u.Text));
    }

    [Fact]
    public async Task Streaming_AfterContent_AFailureIsBrokenStreamAndNotRetried()
    {
        var inner = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, _) => TextThenFailure("Half an ans") };
        using var client = CreateClient(inner);
        var received = "";

        var failure = await Assert.ThrowsAsync<ChatBackendException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(s_question))
            {
                received += update.Text;
            }
        });

        Assert.Equal(ChatBackendFailureKind.BrokenStream, failure.Kind);
        Assert.True(failure.PartialContentStreamed);
        Assert.Equal("Half an ans", received);
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task NonStreaming_ATransientFailureIsRetried()
    {
        var attempt = 0;
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => ++attempt == 1
                ? throw Http(HttpStatusCode.TooManyRequests)
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "second"))),
        };
        using var client = CreateClient(inner);
        client.MaxRetries = 2;

        var response = await client.GetResponseAsync(s_question);

        Assert.Equal("second", response.Text);
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task NonStreaming_AnInnerClientThatIgnoresCancellation_StillTimesOut()
    {
        var inner = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => new TaskCompletionSource<ChatResponse>().Task };
        using var client = new ResilientChatClient(inner) { TotalTimeout = TimeSpan.FromMilliseconds(100) };

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => client.GetResponseAsync(s_question));

        Assert.Equal(ChatBackendFailureKind.Timeout, failure.Kind);
    }

    [Fact]
    public async Task Streaming_AnInnerClientThatIgnoresCancellation_StillTimesOut()
    {
        var inner = new TestChatClient { GetStreamingResponseAsyncCallback = (_, _, _) => WaitForever(CancellationToken.None) };
        using var client = new ResilientChatClient(inner) { FirstTokenTimeout = TimeSpan.FromMilliseconds(100) };

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => client.GetStreamingResponseAsync(s_question).ToChatResponseAsync());

        Assert.Equal(ChatBackendFailureKind.Timeout, failure.Kind);
        Assert.False(failure.PartialContentStreamed);
    }

    [Fact]
    public void Settings_AreValidatedInTheirSetters()
    {
        using var client = new ResilientChatClient(new TestChatClient());

        Assert.Throws<ArgumentOutOfRangeException>(() => client.FirstTokenTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.MaxRetries = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.BreakAfterFailures = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.RetryBaseDelay = TimeSpan.FromMilliseconds(-1));
    }

    [Fact]
    public void UseResilience_TakesTheTimeProviderFromServices()
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_time)
            .BuildServiceProvider();

        using var pipeline = new ChatClientBuilder(new TestChatClient())
            .UseResilience(configure: c => c.MaxRetries = 5)
            .Build(services);

        Assert.Equal(5, pipeline.GetService<ResilientChatClient>()?.MaxRetries);
    }

    private ResilientChatClient CreateClient(IChatClient inner, int breakAfterFailures = 3) =>
        new(inner, timeProvider: _time)
        {
            MaxRetries = 0,
            RetryBaseDelay = TimeSpan.Zero,
            BreakAfterFailures = breakAfterFailures,
            BreakDuration = TimeSpan.FromSeconds(60),
        };

    private static HttpRequestException Http(HttpStatusCode status) => new("scripted", null, status);

    private static async IAsyncEnumerable<ChatResponseUpdate> Throw(Exception exception)
    {
        await Task.Yield();
        if (exception is not null)
        {
            throw exception;
        }

        yield break;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> RoleThenFailure()
    {
        await Task.Yield();
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant };
        throw new IOException("connection reset");
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> TextThenFailure(string text)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, text);
        throw new IOException("connection reset");
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> WaitForever([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        yield break;
    }
}
