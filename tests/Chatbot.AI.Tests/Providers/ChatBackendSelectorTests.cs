using Chatbot.AI.Providers;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.AI.Tests.Providers;

public sealed class ChatBackendSelectorTests
{
    [Fact]
    public async Task Auto_PicksOllama_WhenItHasTheModel()
    {
        await using var ollama = await FakeOllamaServer.StartAsync("nomic-embed-text:latest", "llama3.2:latest");
        await using var host = AutoHost(ollama.BaseAddress);

        var backend = await host.Selector.SelectAsync();

        Assert.Equal("ollama:llama3.2", backend.Name);
        Assert.True(backend.IsModel);
        Assert.Equal(LlmProvider.Ollama, backend.Provider);
        Assert.Contains("llama3.2:latest", backend.Reason, StringComparison.Ordinal);
        Assert.Equal("/api/tags", Assert.Single(ollama.Requests).Path);
    }

    [Fact]
    public async Task Auto_PicksExtractive_WhenOllamaLacksTheModel()
    {
        await using var ollama = await FakeOllamaServer.StartAsync("mistral:7b");
        await using var host = AutoHost(ollama.BaseAddress);

        var backend = await host.Selector.SelectAsync();

        Assert.Equal(ChatBackend.ExtractiveName, backend.Name);
        Assert.False(backend.IsModel);
        Assert.Contains("does not have model 'llama3.2'", backend.Reason, StringComparison.Ordinal);
        Assert.Contains("mistral:7b", backend.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_PicksExtractive_WhenOllamaIsDown()
    {
        await using var host = AutoHost(ChatPipelineTestHost.ClosedEndpoint());

        var backend = await host.Selector.SelectAsync();

        Assert.Equal(ChatBackend.ExtractiveName, backend.Name);
        Assert.Contains("did not answer", backend.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_PicksExtractive_WhenTheProbeFails()
    {
        await using var ollama = await FakeOllamaServer.StartAsync("llama3.2:latest");
        ollama.TagsStatusCode = 500;
        await using var host = AutoHost(ollama.BaseAddress);

        var backend = await host.Selector.SelectAsync();

        Assert.Equal(ChatBackend.ExtractiveName, backend.Name);
        Assert.Contains("HTTP 500", backend.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplicitOllama_IsKept_EvenWhenTheProbeFails()
    {
        await using var host = ChatPipelineTestHost.ForOllama(ChatPipelineTestHost.ClosedEndpoint());

        var backend = await host.Selector.SelectAsync();

        Assert.Equal("ollama:llama3.2", backend.Name);
        Assert.Contains("did not answer the probe", backend.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_IsTakenAsConfigured_WithoutAProbe()
    {
        await using var host = ChatPipelineTestHost.ForOpenAI(new Uri("http://127.0.0.1:9/v1"));

        var backend = await host.Selector.SelectAsync();

        Assert.Equal("openai:gpt-4o-mini", backend.Name);
        Assert.True(backend.IsModel);
    }

    [Fact]
    public async Task Selected_IsNullUntilTheChoiceIsMade_ThenTheSameEveryTime()
    {
        await using var host = ChatPipelineTestHost.Create(new Dictionary<string, string?> { ["Provider"] = "Extractive" });

        Assert.Null(host.Selector.Selected);
        var first = await host.Selector.SelectAsync();

        Assert.Same(first, host.Selector.Selected);
        Assert.Same(first, await host.Selector.SelectAsync());
    }

    [Theory]
    [InlineData("llama3.2", "llama3.2:latest", true)]
    [InlineData("llama3.2:latest", "llama3.2", true)]
    [InlineData("Llama3.2", "llama3.2:latest", true)]
    [InlineData("llama3.2:3b", "llama3.2:3b", true)]
    [InlineData("llama3.2", "llama3.2:3b", false)]
    [InlineData("llama3.2", "llama3.1:latest", false)]
    [InlineData("registry.local:5000/llama3.2", "registry.local:5000/llama3.2:latest", true)]
    public void OllamaModelNames_WithoutATagMeanLatest(string configured, string listed, bool matches) =>
        Assert.Equal(matches, OllamaModelName.Matches(configured, listed));

    [Fact]
    public async Task TheApplicationsChatClient_UsesTheExtractiveClient_WhenNoModelWasChosen()
    {
        var extractive = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "From the sources [1]."))),
        };
        await using var host = ChatPipelineTestHost.Create(
            new Dictionary<string, string?> { ["Provider"] = "Extractive" },
            services => services.AddKeyedSingleton<IChatClient>(ChatBackend.ExtractiveName, extractive));

        var response = await host.ChatClient.GetResponseAsync([new ChatMessage(ChatRole.User, "What is RAG?")]);

        Assert.Equal("From the sources [1].", response.Text);
        Assert.Equal(ChatBackend.ExtractiveName, host.ChatClient.GetService<ChatBackend>()?.Name);
    }

    [Fact]
    public async Task TheApplicationsChatClient_SaysWhatIsMissing_WhenNoExtractiveClientIsRegistered()
    {
        await using var host = ChatPipelineTestHost.Create(new Dictionary<string, string?> { ["Provider"] = "Extractive" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.ChatClient.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Contains("AddKeyedSingleton<IChatClient>(ChatBackend.ExtractiveName", error.Message, StringComparison.Ordinal);
    }

    private static ChatPipelineTestHost AutoHost(Uri ollama) =>
        ChatPipelineTestHost.Create(new Dictionary<string, string?> { ["Provider"] = "Auto", ["Ollama:Endpoint"] = ollama.ToString() });
}
