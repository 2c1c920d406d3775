namespace Chatbot.Storage.Turns;

/// <summary>
/// Serializes the turns of each conversation within this process: enough for SQLite and the in-memory
/// store, which one instance owns. Gates exist only while a turn holds or waits for them.
/// </summary>
public sealed class InProcessConversationLock : IConversationLock
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly TimeSpan _maxWait;

    /// <summary>Creates the lock; a turn waits at most <paramref name="maxWait"/> (default two minutes) for the one before it.</summary>
    public InProcessConversationLock(TimeSpan? maxWait = null)
    {
        _maxWait = maxWait ?? TimeSpan.FromMinutes(2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_maxWait, TimeSpan.Zero, nameof(maxWait));
    }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(conversationKey, out gate!))
            {
                gate = new Gate();
                _gates[conversationKey] = gate;
            }

            gate.Users++;
        }

        try
        {
            if (!await gate.Turn.WaitAsync(_maxWait, cancellationToken))
            {
                throw new TimeoutException($"Another turn of this conversation kept it for more than {_maxWait.TotalSeconds:0} s.");
            }
        }
        catch
        {
            Leave(conversationKey, gate);
            throw;
        }

        return new Held(this, conversationKey, gate);
    }

    private void Leave(string conversationKey, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(conversationKey);
                gate.Turn.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        /// <summary>Turns holding or waiting for the gate; guarded by the dictionary's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Held(InProcessConversationLock owner, string conversationKey, Gate gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Turn.Release();
                owner.Leave(conversationKey, gate);
            }

            return ValueTask.CompletedTask;
        }
    }
}
