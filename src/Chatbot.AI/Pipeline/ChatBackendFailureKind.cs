namespace Chatbot.AI.Pipeline;

/// <summary>Why a call to the model backend failed; the responder picks its notice and fallback from it.</summary>
public enum ChatBackendFailureKind
{
    /// <summary>No first token, or no complete answer, within the configured time.</summary>
    Timeout,

    /// <summary>The backend could not be reached or kept answering with transient errors (5xx, 408, 429, refused connections).</summary>
    Unavailable,

    /// <summary>The answer stopped part-way: the connection was cut or the stream stalled after some text had been streamed.</summary>
    BrokenStream,

    /// <summary>The circuit breaker is open after repeated failures; the call was not attempted.</summary>
    CircuitOpen,

    /// <summary>The backend answered with something unusable: a non-transient HTTP error (400, 401, 404, ...) or a malformed body.</summary>
    BadResponse,
}
