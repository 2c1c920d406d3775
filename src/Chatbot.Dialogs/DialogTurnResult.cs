namespace Chatbot.Dialogs;

/// <summary>
/// The outcome of a dialog operation: the stack's status and, when a dialog completed, its result.
/// </summary>
public sealed class DialogTurnResult
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DialogTurnResult"/> class.
    /// </summary>
    /// <param name="status">The state of the dialog stack.</param>
    /// <param name="result">The value returned by a completed dialog, if any.</param>
    public DialogTurnResult(DialogTurnStatus status, object? result = null)
    {
        Status = status;
        Result = result;
    }

    /// <summary>Gets the state of the dialog stack.</summary>
    public DialogTurnStatus Status { get; }

    /// <summary>Gets the value returned by the dialog that completed, or <see langword="null"/>.</summary>
    public object? Result { get; }
}
