using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Chatbot.Tools.Benchmarks.Turns;
using Microsoft.Extensions.AI;
using OllamaSharp;

namespace Chatbot.Tools.Tests.Benchmarks.Turns;

public sealed class FakeOllamaModelTests
{
    private static readonly TimeSpan s_tokenDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan s_firstTokenDelay = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task Stream_ThroughOllamaSharp_YieldsTheConfiguredTokensInOrder()
    {
        await using var model = await FakeOllamaModel.StartAsync(tokenCount: 20, s_tokenDelay, s_firstTokenDelay);
        using var http = new HttpClient { BaseAddress = model.BaseAddress };
        using var ollama = new OllamaApiClient(http, "llama3.2");

        var started = Stopwatch.GetTimestamp();
        var tokens = new List<string>();
        await foreach (var update in ((IChatClient)ollama).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "What is a GAN?")]))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                tokens.Add(update.Text);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(20, tokens.Count);
        Assert.Equal(model.Tokens, tokens);
        Assert.EndsWith("[1].", string.Concat(tokens), StringComparison.Ordinal);
        Assert.True(elapsed >= model.AnswerTime, $"The answer took {elapsed.TotalMilliseconds} ms, less than the model's {model.AnswerTime.TotalMilliseconds} ms.");
        Assert.Equal(1, model.ChatRequests);
    }

    [Fact]
    public async Task Chat_NotStreaming_AnswersTheWholeTextInOneObjectAfterTheSameTime()
    {
        await using var model = await FakeOllamaModel.StartAsync(tokenCount: 12, s_tokenDelay, s_firstTokenDelay);
        using var http = new HttpClient { BaseAddress = model.BaseAddress };

        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync("api/chat", new { model = "llama3.2", stream = false, messages = new[] { new { role = "user", content = "hi" } } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(Stopwatch.GetElapsedTime(started) >= model.AnswerTime);
        Assert.Equal(string.Concat(model.Tokens), (string?)body["message"]?["content"]);
        Assert.True((bool?)body["done"]);
        Assert.Equal(12, (int?)body["eval_count"]);
    }

    [Fact]
    public async Task ListLocalModels_ThroughOllamaSharp_ListsTheModelTheAppAsksFor()
    {
        await using var model = await FakeOllamaModel.StartAsync(tokenCount: 1);
        using var http = new HttpClient { BaseAddress = model.BaseAddress };
        using var ollama = new OllamaApiClient(http, "llama3.2");

        var models = await ollama.ListLocalModelsAsync();

        Assert.Equal(FakeOllamaModel.ModelName, Assert.Single(models).Name);
    }

    [Fact]
    public async Task StartAsync_Defaults_Are150TokensCitingSource1AfterTheFirstTokenDelay()
    {
        await using var model = await FakeOllamaModel.StartAsync();

        Assert.Equal(150, model.TokenCount);
        Assert.Equal(TimeSpan.FromMilliseconds(50 + (150 * 10)), model.AnswerTime);
        Assert.EndsWith(" [1].", model.Tokens[^1], StringComparison.Ordinal);
        Assert.All(model.Tokens.Skip(1), token => Assert.StartsWith(" ", token, StringComparison.Ordinal));
    }
}
