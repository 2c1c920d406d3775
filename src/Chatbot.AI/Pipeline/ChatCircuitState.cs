namespace Chatbot.AI.Pipeline;

/// <summary>The state of <see cref="ResilientChatClient"/>'s circuit breaker.</summary>
public enum ChatCircuitState
{
    /// <summary>Calls go through; consecutive failures are counted.</summary>
    Closed,

    /// <summary>Calls fail fast with <see cref="ChatBackendFailureKind.CircuitOpen"/> until the break is over.</summary>
    Open,

    /// <summary>The break is over: one trial call goes through; its outcome closes or reopens the circuit.</summary>
    HalfOpen,
}
