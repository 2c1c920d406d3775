using Microsoft.Extensions.AI;

namespace Chatbot.Testing;

/// <summary>
/// A hand-written <see cref="IChatClient"/> whose behaviour each test sets through callbacks,
/// in place of a mocking library. An unset callback throws, so a test sees which call it did not expect.
/// </summary>
public sealed class TestChatClient : IChatClient
{
    /// <summary>Called by <see cref="GetResponseAsync"/>.</summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? GetResponseAsyncCallback { get; set; }

    /// <summary>Called by <see cref="GetStreamingResponseAsync"/>.</summary>
    public Func<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? GetStreamingResponseAsyncCallback { get; set; }

    /// <summary>Called by <see cref="GetService"/>; by default returns this client when asked for its own type.</summary>
    public Func<Type, object?, object?> GetServiceCallback { get; set; }

    /// <summary>How many times either Get method was called.</summary>
    public int CallCount => _callCount;

    /// <summary>True once <see cref="Dispose"/> was called.</summary>
    public bool Disposed { get; private set; }

    private int _callCount;

    public TestChatClient()
    {
        GetServiceCallback = DefaultGetServiceCallback;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _callCount);
        var callback = GetResponseAsyncCallback ?? throw new InvalidOperationException($"{nameof(GetResponseAsyncCallback)} is not set.");
        return callback(messages, options, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _callCount);
        var callback = GetStreamingResponseAsyncCallback ?? throw new InvalidOperationException($"{nameof(GetStreamingResponseAsyncCallback)} is not set.");
        return callback(messages, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => GetServiceCallback(serviceType, serviceKey);

    public void Dispose() => Disposed = true;

    /// <summary>Streams <paramref name="texts"/> as one update each; handy for <see cref="GetStreamingResponseAsyncCallback"/>.</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> StreamText(params string[] texts)
    {
        foreach (var text in texts)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, text);
        }
    }

    private object? DefaultGetServiceCallback(Type serviceType, object? serviceKey) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
}
