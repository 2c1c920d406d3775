namespace Chatbot.Storage.Turns;

/// <summary>
/// Lets one turn of a conversation run at a time, so each turn reads the state the previous one saved.
/// </summary>
public interface IConversationLock
{
    /// <summary>
    /// Waits until no other turn of the conversation <paramref name="conversationKey"/> holds the lock, in this
    /// process or (where the store is shared) in another instance, and takes it; disposing the result releases it.
    /// </summary>
    /// <exception cref="TimeoutException">The lock stayed taken longer than the implementation waits.</exception>
    ValueTask<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken = default);
}
