using System.Text;
using Chatbot.AI.Pipeline;
using Chatbot.AI.Providers;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.AI.Tests.Providers;

/// <summary>
/// The real provider client (OllamaSharp, or OpenAI through Microsoft.Extensions.AI.OpenAI) through our pipeline,
/// against a fake server on loopback. Each derived class runs every case against its provider.
/// </summary>
public abstract class ModelPipelineTests : IAsyncLifetime
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "What is attention?")];

    protected FakeLlmServer Server { get; private set; } = null!;

    protected abstract Task<FakeLlmServer> StartServerAsync();

    protected abstract ChatPipelineTestHost CreateHost(Uri endpoint, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null);

    protected abstract Uri EndpointOf(FakeLlmServer server);

    protected abstract string ExpectedBackendName { get; }

    public async Task InitializeAsync() => Server = await StartServerAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    [Fact]
    public async Task Stream_AssemblesTheChunksInOrder()
    {
        Server.DefaultScript = FakeChatScript.Text("Attention ", "weighs ", "every ", "token ", "against ", "the others.");
        await using var host = CreateHost(EndpointOf(Server));

        var text = await StreamTextAsync(host.ChatClient);

        Assert.Equal("Attention weighs every token against the others.", text);
        Assert.Equal(1, Server.ChatRequestCount);
        Assert.Contains("What is attention?", Server.Requests.Last().Body, StringComparison.Ordinal);
        Assert.Equal(ExpectedBackendName, host.ChatClient.GetService<ChatBackend>()?.Name);
    }

    [Fact]
    public async Task GetResponse_ReturnsTheWholeAnswer()
    {
        Server.DefaultScript = FakeChatScript.Text("A transformer ", "is a neural network.");
        await using var host = CreateHost(EndpointOf(Server));

        var response = await host.ChatClient.GetResponseAsync(s_question);

        Assert.Equal("A transformer is a neural network.", response.Text);
        Assert.Equal(1, Server.ChatRequestCount);
    }

    [Fact]
    public async Task Http500_IsRetriedThenReportedUnavailable()
    {
        Server.DefaultScript = FakeChatScript.Error(500);
        await using var host = CreateHost(EndpointOf(Server), new() { ["MaxRetries"] = "2" });

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient));

        Assert.Equal(ChatBackendFailureKind.Unavailable, failure.Kind);
        Assert.Equal(500, failure.StatusCode);
        Assert.Equal(3, failure.Attempts);
        Assert.Equal(3, Server.ChatRequestCount);
        Assert.False(failure.PartialContentStreamed);
    }

    [Fact]
    public async Task Http503ThenSuccess_RetriesAndAnswers()
    {
        Server.Enqueue(FakeChatScript.Error(503));
        Server.DefaultScript = FakeChatScript.Text("Recovered", ".");
        await using var host = CreateHost(EndpointOf(Server));

        var text = await StreamTextAsync(host.ChatClient);

        Assert.Equal("Recovered.", text);
        Assert.Equal(2, Server.ChatRequestCount);
    }

    [Fact]
    public async Task Http404_IsABadResponseAndNotRetried()
    {
        Server.DefaultScript = FakeChatScript.Error(404);
        await using var host = CreateHost(EndpointOf(Server));

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient));

        Assert.Equal(ChatBackendFailureKind.BadResponse, failure.Kind);
        Assert.Equal(404, failure.StatusCode);
        Assert.Equal(1, Server.ChatRequestCount);
    }

    [Fact]
    public async Task ConnectionRefused_IsRetriedThenReportedUnavailable()
    {
        await using var host = CreateHost(ChatPipelineTestHost.ClosedEndpoint(), new() { ["MaxRetries"] = "1" });

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient));

        Assert.Equal(ChatBackendFailureKind.Unavailable, failure.Kind);
        Assert.Equal(2, failure.Attempts);
        Assert.Null(failure.StatusCode);
    }

    [Fact]
    public async Task SlowFirstToken_TimesOutWithoutRetry()
    {
        // Long enough for the request to reach the server on a loaded machine (0.3 s was not, once in CI), far below the delay.
        Server.DefaultScript = new FakeChatScript { DelayBeforeFirstChunk = TimeSpan.FromSeconds(30) };
        await using var host = CreateHost(EndpointOf(Server), new() { ["FirstTokenTimeoutSeconds"] = "2" });

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient));

        Assert.Equal(ChatBackendFailureKind.Timeout, failure.Kind);
        Assert.False(failure.PartialContentStreamed);
        Assert.Equal(1, Server.ChatRequestCount);
    }

    [Fact]
    public async Task StreamThatStallsAfterContent_IsBrokenAndNotRetried()
    {
        Server.DefaultScript = new FakeChatScript { Chunks = ["One ", "two ", "three."], StallAfterChunks = 2 };
        await using var host = CreateHost(EndpointOf(Server), new() { ["StallTimeoutSeconds"] = "0.3" });
        var received = new StringBuilder();

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient, received));

        Assert.Equal(ChatBackendFailureKind.BrokenStream, failure.Kind);
        Assert.True(failure.PartialContentStreamed);
        Assert.Equal("One two ", received.ToString());
        Assert.Equal(1, Server.ChatRequestCount);
    }

    [Fact]
    public async Task StreamLongerThanTheTotalTimeout_TimesOutWithoutRetry()
    {
        Server.DefaultScript = new FakeChatScript
        {
            Chunks = [.. Enumerable.Range(0, 100).Select(i => $"w{i} ")],
            DelayBetweenChunks = TimeSpan.FromMilliseconds(50),
        };
        await using var host = CreateHost(EndpointOf(Server), new() { ["TotalTimeoutSeconds"] = "1.5", ["FirstTokenTimeoutSeconds"] = "1.5" });
        var received = new StringBuilder();

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient, received));

        Assert.Equal(ChatBackendFailureKind.Timeout, failure.Kind);
        Assert.True(failure.PartialContentStreamed);
        Assert.StartsWith("w0 ", received.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Server.ChatRequestCount);
    }

    [Fact]
    public async Task ConnectionCutMidAnswer_IsBrokenAndNotRetried()
    {
        var bothChunksRead = new TaskCompletionSource();
        Server.DefaultScript = new FakeChatScript
        {
            Chunks = ["Generative ", "models ", "learn ", "a distribution."],
            AbortAfterChunks = 2,
            AbortWhen = bothChunksRead.Task,
        };
        await using var host = CreateHost(EndpointOf(Server));
        var received = new StringBuilder();

        var failure = await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient, received, onText: text =>
        {
            if (text == "Generative models ")
            {
                bothChunksRead.TrySetResult();
            }
        }));

        Assert.Equal(ChatBackendFailureKind.BrokenStream, failure.Kind);
        Assert.True(failure.PartialContentStreamed);
        Assert.Equal("Generative models ", received.ToString());
        Assert.Equal(1, Server.ChatRequestCount);
    }

    [Fact]
    public async Task ConnectionCutBeforeAnyContent_IsRetried()
    {
        Server.Enqueue(new FakeChatScript { AbortAfterChunks = 0 });
        Server.DefaultScript = FakeChatScript.Text("Second ", "time.");
        await using var host = CreateHost(EndpointOf(Server));

        var text = await StreamTextAsync(host.ChatClient);

        Assert.Equal("Second time.", text);
        Assert.Equal(2, Server.ChatRequestCount);
    }

    [Fact]
    public async Task CancellationByTheCaller_IsNotAFailure()
    {
        Server.DefaultScript = new FakeChatScript { Chunks = ["a ", "b ", "c ", "d."], DelayBetweenChunks = TimeSpan.FromSeconds(5) };
        await using var host = CreateHost(EndpointOf(Server), new() { ["BreakAfterFailures"] = "1" });
        using var cancellation = new CancellationTokenSource();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in host.ChatClient.GetStreamingResponseAsync(s_question, cancellationToken: cancellation.Token))
            {
                if (update.Text.Length > 0)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.IsNotType<ChatBackendException>(cancelled);
        Assert.Equal(ChatCircuitState.Closed, host.ChatClient.GetService<ResilientChatClient>()!.CircuitState);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("cancelled by the caller", StringComparison.Ordinal));
        Server.DefaultScript = FakeChatScript.Text("Still ", "open.");
        Assert.Equal("Still open.", await StreamTextAsync(host.ChatClient));
    }

    [Fact]
    public async Task RepeatedFailures_OpenTheCircuit()
    {
        Server.DefaultScript = FakeChatScript.Error(500);
        await using var host = CreateHost(EndpointOf(Server), new() { ["MaxRetries"] = "0", ["BreakAfterFailures"] = "2", ["BreakForSeconds"] = "600" });

        await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient));
        await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient));
        var failFast = await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient));

        Assert.Equal(ChatBackendFailureKind.CircuitOpen, failFast.Kind);
        Assert.Equal(2, Server.ChatRequestCount);
    }

    protected static async Task<string> StreamTextAsync(IChatClient client, StringBuilder? received = null, Action<string>? onText = null)
    {
        received ??= new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(s_question))
        {
            received.Append(update.Text);
            onText?.Invoke(received.ToString());
        }

        return received.ToString();
    }
}

public sealed class OllamaPipelineTests : ModelPipelineTests
{
    protected override string ExpectedBackendName => "ollama:llama3.2";

    protected override async Task<FakeLlmServer> StartServerAsync() => await FakeOllamaServer.StartAsync("llama3.2:latest");

    protected override Uri EndpointOf(FakeLlmServer server) => server.BaseAddress;

    protected override ChatPipelineTestHost CreateHost(Uri endpoint, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) =>
        ChatPipelineTestHost.ForOllama(endpoint, settings, configureServices);
}

public sealed class OpenAIPipelineTests : ModelPipelineTests
{
    protected override string ExpectedBackendName => "openai:gpt-4o-mini";

    protected override async Task<FakeLlmServer> StartServerAsync() => await FakeOpenAiServer.StartAsync();

    protected override Uri EndpointOf(FakeLlmServer server) => ((FakeOpenAiServer)server).Endpoint;

    protected override ChatPipelineTestHost CreateHost(Uri endpoint, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) =>
        ChatPipelineTestHost.ForOpenAI(endpoint, settings, configureServices);

    [Fact]
    public async Task ApiKey_IsSentButNeverLogged()
    {
        Server.DefaultScript = FakeChatScript.Error(500);
        await using var host = CreateHost(EndpointOf(Server), new() { ["MaxRetries"] = "0" });

        await Assert.ThrowsAsync<ChatBackendException>(() => StreamTextAsync(host.ChatClient));

        Assert.Equal("Bearer sk-test-DO-NOT-LOG", Server.Requests.Last().Headers["authorization"]);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), r => r.Message.Contains("DO-NOT-LOG", StringComparison.Ordinal)
            || (r.Exception?.ToString().Contains("DO-NOT-LOG", StringComparison.Ordinal) ?? false));
    }
}
