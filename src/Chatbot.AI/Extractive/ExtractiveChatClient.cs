using Chatbot.Knowledge.Text;
using System.Runtime.CompilerServices;
using Chatbot.AI.Prompting;
using Microsoft.Extensions.AI;

namespace Chatbot.AI.Extractive;

/// <summary>
/// The built-in backend: an <see cref="IChatClient"/> that needs no model. It reads the structured
/// request the responder attaches to <see cref="ChatOptions.AdditionalProperties"/> under
/// <see cref="PromptRequestKey"/> and composes the answer from its sources with <see cref="ExtractiveComposer"/>.
/// </summary>
public sealed class ExtractiveChatClient : IChatClient
{
    /// <summary>The key of the <see cref="PromptRequest"/> in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string PromptRequestKey = "chatbot.prompt";

    private readonly ExtractiveComposer _composer;
    private readonly ChatClientMetadata _metadata = new("extractive", null, "extractive");

    /// <summary>Creates the client.</summary>
    public ExtractiveChatClient(ExtractiveComposer composer)
    {
        ArgumentNullException.ThrowIfNull(composer);
        _composer = composer;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = await _composer.ComposeAsync(RequestFrom(messages, options), cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = "extractive", FinishReason = ChatFinishReason.Stop };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = await _composer.ComposeAsync(RequestFrom(messages, options), cancellationToken);

        // One update per sentence, as a model would stream it (markers and spacing kept exactly).
        var position = 0;
        foreach (var sentence in SentenceSplitter.Default.Split(text))
        {
            var end = Math.Max(position, sentence.End);
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[position..end]) { ModelId = "extractive" };
            position = end;
        }

        if (position < text.Length)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, text[position..]) { ModelId = "extractive" };
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static PromptRequest RequestFrom(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(PromptRequestKey, out var value) == true && value is PromptRequest request)
        {
            return request;
        }

        // Called without the responder (e.g. by a generic caller): answer the last user message with no sources.
        var question = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
        return new PromptRequest(question, []);
    }
}
