namespace Chatbot.AI.Pipeline;

/// <summary>
/// Counts consecutive failed calls; after a threshold it opens for a while, then lets one trial call through (half-open).
/// Thread-safe. Thresholds are passed per call so the owning client's settings can change at any time.
/// </summary>
internal sealed class CircuitBreaker(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private ChatCircuitState _state = ChatCircuitState.Closed;
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil;
    private bool _trialInFlight;

    public ChatCircuitState State
    {
        get
        {
            lock (_lock)
            {
                return _state == ChatCircuitState.Open && timeProvider.GetUtcNow() >= _openUntil ? ChatCircuitState.HalfOpen : _state;
            }
        }
    }

    /// <summary>Asks to make a call. False, with the time left, when the circuit is open or a trial call is already running.</summary>
    public bool TryEnter(out CircuitLease lease, out TimeSpan retryAfter, out bool becameHalfOpen)
    {
        lock (_lock)
        {
            becameHalfOpen = false;
            retryAfter = TimeSpan.Zero;
            var now = timeProvider.GetUtcNow();
            if (_state == ChatCircuitState.Open)
            {
                if (now < _openUntil)
                {
                    retryAfter = _openUntil - now;
                    lease = default;
                    return false;
                }

                _state = ChatCircuitState.HalfOpen;
                _trialInFlight = false;
                becameHalfOpen = true;
            }

            if (_state == ChatCircuitState.HalfOpen)
            {
                if (_trialInFlight)
                {
                    lease = default;
                    return false;
                }

                _trialInFlight = true;
                lease = new CircuitLease(IsTrial: true);
                return true;
            }

            lease = new CircuitLease(IsTrial: false);
            return true;
        }
    }

    /// <summary>Records a successful call; returns true when this closed the circuit.</summary>
    public bool RecordSuccess(CircuitLease lease)
    {
        lock (_lock)
        {
            _consecutiveFailures = 0;
            var closed = lease.IsTrial && _state == ChatCircuitState.HalfOpen;
            if (lease.IsTrial)
            {
                _trialInFlight = false;
            }

            if (_state == ChatCircuitState.HalfOpen)
            {
                _state = ChatCircuitState.Closed;
            }

            return closed;
        }
    }

    /// <summary>Records a failed call; returns true when this opened the circuit.</summary>
    public bool RecordFailure(CircuitLease lease, int breakAfterFailures, TimeSpan breakDuration)
    {
        lock (_lock)
        {
            if (lease.IsTrial)
            {
                _trialInFlight = false;
            }

            _consecutiveFailures++;
            if (_state == ChatCircuitState.Open)
            {
                return false;
            }

            if (_state == ChatCircuitState.HalfOpen || _consecutiveFailures >= breakAfterFailures)
            {
                _state = ChatCircuitState.Open;
                _openUntil = timeProvider.GetUtcNow() + breakDuration;
                return true;
            }

            return false;
        }
    }

    /// <summary>Records a call that ended without a verdict (cancelled by the caller, or abandoned): it counts neither way.</summary>
    public void RecordNoOutcome(CircuitLease lease)
    {
        if (!lease.IsTrial)
        {
            return;
        }

        lock (_lock)
        {
            _trialInFlight = false;
        }
    }
}

/// <summary>Permission to make one call; a trial lease decides a half-open circuit.</summary>
internal readonly record struct CircuitLease(bool IsTrial);
