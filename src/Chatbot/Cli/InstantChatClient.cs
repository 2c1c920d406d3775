using Chatbot.AI.Extractive;
using Chatbot.AI.Prompting;
using Microsoft.Extensions.AI;

namespace Chatbot.Cli;

/// <summary>
/// A stand-in model for <c>bench overhead</c> that answers at once, quoting the first sentence of
/// source 1 with its citation, so what is timed is everything around the model: retrieval,
/// prompting, the pipeline and the grounding check.
/// </summary>
internal sealed class InstantChatClient : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = options?.AdditionalProperties?[ExtractiveChatClient.PromptRequestKey] as PromptRequest;
        var source = request?.Sources.FirstOrDefault();
        var first = source?.Text.Split(". ", 2)[0].Trim().TrimEnd('.');
        var text = first is null ? ExtractiveComposer.NotCoveredAnswer : $"{first}. [{source!.Number}]";
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("bench overhead measures whole answers.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
