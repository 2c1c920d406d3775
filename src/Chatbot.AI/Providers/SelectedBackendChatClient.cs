using System.Runtime.CompilerServices;
using Chatbot.AI.Pipeline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.AI.Providers;

/// <summary>
/// The application's <see cref="IChatClient"/>: waits for <see cref="ChatBackendSelector"/>'s choice, then sends every
/// call to the model's pipeline or, when no model was chosen, to the extractive client the host registered under
/// <see cref="ChatBackend.ExtractiveName"/>. Answers <c>GetService(typeof(ChatBackend))</c> with the choice.
/// </summary>
internal sealed class SelectedBackendChatClient(
    ChatBackendSelector selector,
    ChatModelClientFactory modelClients,
    ChatPipelineFactory pipelines,
    IServiceProvider services) : IChatClient
{
    private readonly Lock _lock = new();
    private IChatClient? _client;
    private bool _ownsClient;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var client = await GetClientAsync(cancellationToken);
        return await client.GetResponseAsync(messages, options, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var client = await GetClientAsync(cancellationToken);
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType == typeof(ChatBackend))
        {
            return selector.Selected;
        }

        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return Volatile.Read(ref _client)?.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_ownsClient)
            {
                _client?.Dispose();
            }

            _client = null;
        }
    }

    private async ValueTask<IChatClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { } ready)
        {
            return ready;
        }

        var backend = await selector.SelectAsync(cancellationToken);
        lock (_lock)
        {
            if (_client is null)
            {
                _ownsClient = backend.IsModel;
                _client = backend.IsModel
                    ? pipelines.Build(modelClients.Create(backend))
                    : services.GetKeyedService<IChatClient>(ChatBackend.ExtractiveName)
                        ?? throw new InvalidOperationException(
                            $"The chat backend is '{ChatBackend.ExtractiveName}' ({backend.Reason}) but no extractive IChatClient is registered; " +
                            $"register one with services.AddKeyedSingleton<IChatClient>(ChatBackend.ExtractiveName, ...).");
            }

            return _client;
        }
    }
}
