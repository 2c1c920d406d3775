namespace Chatbot.Storage.State;

/// <summary>
/// A state write named an ETag that is no longer the stored one: someone else wrote the item since it
/// was read. Nothing was written; read the item again and redo the change.
/// </summary>
public sealed class StateConflictException : Exception
{
    /// <summary>Creates the exception without details.</summary>
    public StateConflictException()
        : base("The state item was changed by another writer.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StateConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed the conflict.</summary>
    public StateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the item <paramref name="key"/> written with <paramref name="expectedETag"/>.</summary>
    public StateConflictException(string key, string? expectedETag, Exception? innerException = null)
        : base($"State item '{key}' was changed by another writer since it was read (ETag '{expectedETag}' is stale); nothing was written.", innerException)
    {
        Key = key;
        ExpectedETag = expectedETag;
    }

    /// <summary>The key of the item that could not be written.</summary>
    public string? Key { get; }

    /// <summary>The ETag the write expected to find.</summary>
    public string? ExpectedETag { get; }
}
