namespace Chatbot.AI.Pipeline;

/// <summary>
/// A model backend call failed for good (after any retries). Thrown by <see cref="ResilientChatClient"/> so the
/// responder can fall back to the extractive answer with a one-line notice. Cancellation by the caller is never
/// reported this way: it stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class ChatBackendException : Exception
{
    public ChatBackendException(ChatBackendFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public ChatBackendFailureKind Kind { get; }

    /// <summary>How many requests were sent to the backend (0 when the circuit was open).</summary>
    public int Attempts { get; init; }

    /// <summary>The last HTTP status the backend answered with, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>True when part of the answer had already been streamed to the caller before the failure.</summary>
    public bool PartialContentStreamed { get; init; }

    /// <summary>For <see cref="ChatBackendFailureKind.CircuitOpen"/>: how long until the breaker lets a trial call through.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
