using Chatbot.AI.Pipeline;
using Chatbot.AI.Prompting;
using Chatbot.AI.Responding;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.AI.Tests.Responding;

/// <summary>The streamed answer: deltas as the model writes them, one checked answer last, and a restart when the model breaks off.</summary>
public sealed class ResponderStreamingTests(ResponderFixture fixture) : IClassFixture<ResponderFixture>
{
    private const string Question = "When did OpenAI release GPT-4?";

    private readonly TestChatClient _model = new();

    [Fact]
    public async Task StreamAsync_YieldsTheModelsDeltas_ThenOneCheckedAnswerOfTheSameText()
    {
        _model.GetStreamingResponseAsyncCallback = (_, _, _) => Stream("OpenAI released GPT-4 ", "on 14 March 2023 ", "[1].");

        var updates = await CollectAsync(CreateResponder().StreamAsync(new ResponderRequest(Question)));

        Assert.Equal(["OpenAI released GPT-4 ", "on 14 March 2023 ", "[1]."], updates.Where(u => u.Kind == ResponderUpdateKind.Text).Select(u => u.Text));
        var last = updates[^1];
        Assert.Equal(ResponderUpdateKind.Completed, last.Kind);
        Assert.Single(updates, u => u.Kind == ResponderUpdateKind.Completed);
        Assert.Equal("OpenAI released GPT-4 on 14 March 2023 [1].", last.Answer!.Text);
        Assert.Null(last.Answer.Notice);
        Assert.DoesNotContain(updates, u => u.Kind == ResponderUpdateKind.Restart);
    }

    [Fact]
    public async Task StreamAsync_ModelBreaksOffMidAnswer_RestartsWithTheExtractiveAnswerAndANotice()
    {
        _model.GetStreamingResponseAsyncCallback = (_, _, _) => BreakOff("OpenAI released GPT-4 ");

        var updates = await CollectAsync(CreateResponder().StreamAsync(new ResponderRequest(Question)));

        Assert.Equal(
            [ResponderUpdateKind.Text, ResponderUpdateKind.Restart, ResponderUpdateKind.Text, ResponderUpdateKind.Completed],
            updates.Select(u => u.Kind));
        var answer = updates[^1].Answer!;
        Assert.Equal("extractive", answer.Backend);
        Assert.Contains("cut off", answer.Notice, StringComparison.Ordinal);
        Assert.Equal(updates[2].Text, answer.Text);
        Assert.DoesNotContain("OpenAI released GPT-4 OpenAI", answer.Text, StringComparison.Ordinal);
        Assert.Matches(@"\[\d\]", answer.Text);
    }

    [Fact]
    public async Task StreamAsync_ModelSaysNothing_FallsBackToTheExtractiveAnswer()
    {
        _model.GetStreamingResponseAsyncCallback = (_, _, _) => Stream();

        var updates = await CollectAsync(CreateResponder().StreamAsync(new ResponderRequest(Question)));

        Assert.Equal([ResponderUpdateKind.Restart, ResponderUpdateKind.Text, ResponderUpdateKind.Completed], updates.Select(u => u.Kind));
        Assert.Contains("unusable", updates[^1].Answer!.Notice, StringComparison.Ordinal);
    }

    private Responder CreateResponder() =>
        new(fixture.Retriever, _model, fixture.Extractive, new PromptBuilder(), fixture.Checker, fixture.Analyzer, new FakeLogger<Responder>());

    private static async Task<List<ResponderUpdate>> CollectAsync(IAsyncEnumerable<ResponderUpdate> updates)
    {
        var list = new List<ResponderUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Stream(params string[] parts)
    {
        foreach (var part in parts)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, part);
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> BreakOff(string first)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, first);
        throw new ChatBackendException(ChatBackendFailureKind.BrokenStream, "The stream was cut.");
    }
}
