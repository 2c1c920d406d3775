using Chatbot.AI.Extractive;
using Chatbot.AI.Prompting;
using Chatbot.Knowledge.Text;
using Microsoft.Extensions.AI;

namespace Chatbot.AI.Tests.Extractive;

/// <summary>The extractive backend as an <see cref="IChatClient"/>: where it reads the request, and streaming.</summary>
public sealed class ExtractiveChatClientTests(ExtractiveFixture fixture) : IClassFixture<ExtractiveFixture>
{
    private readonly ExtractiveChatClient _client = new(fixture.Composer);

    [Fact]
    public async Task GetResponseAsync_WithoutPromptRequest_AnswersNotCovered()
    {
        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "How does a diffusion model generate images?")]);

        Assert.Equal(ExtractiveComposer.NotCoveredAnswer, response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_WithPromptRequest_AnswersFromItsSources()
    {
        var request = new PromptRequest("How does a diffusion model generate images?", ExtractiveFixture.Sources);

        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "ignored: the request property wins")], OptionsFor(request));

        Assert.Equal(await fixture.Composer.ComposeAsync(request), response.Text);
        Assert.Contains("[1]", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PromptKind.Ask, "How does a diffusion model generate images?")]
    [InlineData(PromptKind.Compare, "What is the difference between GANs and diffusion models?")]
    [InlineData(PromptKind.CheckClaim, "GPT-4 was released in 2021")]
    public async Task GetStreamingResponseAsync_ConcatenatesToExactlyTheNonStreamingText(PromptKind kind, string question)
    {
        var options = OptionsFor(new PromptRequest(question, ExtractiveFixture.Sources) { Kind = kind, Style = AnswerStyle.Expert });
        ChatMessage[] messages = [new(ChatRole.User, question)];

        var whole = await _client.GetResponseAsync(messages, options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync(messages, options))
        {
            updates.Add(update);
        }

        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.NotEqual(string.Empty, u.Text));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_YieldsOneUpdatePerSentence()
    {
        var options = OptionsFor(new PromptRequest("How does a diffusion model generate images?", ExtractiveFixture.Sources) { Style = AnswerStyle.Expert });
        ChatMessage[] messages = [new(ChatRole.User, "How does a diffusion model generate images?")];

        var whole = (await _client.GetResponseAsync(messages, options)).Text;
        var updates = new List<string>();
        await foreach (var update in _client.GetStreamingResponseAsync(messages, options))
        {
            updates.Add(update.Text);
        }

        Assert.Equal(SentenceSplitter.Default.Split(whole).Count, updates.Count);
        Assert.True(updates.Count > 1, whole);
    }

    private static ChatOptions OptionsFor(PromptRequest request) =>
        new() { AdditionalProperties = new() { [ExtractiveChatClient.PromptRequestKey] = request } };
}
