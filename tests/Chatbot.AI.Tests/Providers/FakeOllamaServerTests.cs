using Chatbot.Testing;
using OllamaSharp;
using OllamaSharp.Models;

namespace Chatbot.AI.Tests.Providers;

/// <summary>The fake speaks enough of Ollama's API for OllamaSharp's own calls, not only chat.</summary>
public sealed class FakeOllamaServerTests
{
    [Fact]
    public async Task ShowModel_DescribesAListedModel_AndRecordsTheRequest()
    {
        await using var server = await FakeOllamaServer.StartAsync("llama3.2:latest");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var ollama = new OllamaApiClient(http, "llama3.2");

        var shown = await ollama.ShowModelAsync(new ShowModelRequest { Model = "llama3.2" });

        Assert.Equal("llama", shown.Details?.Family);
        Assert.Equal("/api/show", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task ShowModel_IsNotFound_ForAModelItLacks()
    {
        await using var server = await FakeOllamaServer.StartAsync("llama3.2:latest");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var ollama = new OllamaApiClient(http, "mistral");

        await Assert.ThrowsAsync<HttpRequestException>(() => ollama.ShowModelAsync(new ShowModelRequest { Model = "mistral" }));
    }
}
