namespace Chatbot.Dialogs;

/// <summary>
/// The state of the dialog stack after a turn, as reported by <see cref="DialogTurnResult"/>.
/// </summary>
public enum DialogTurnStatus
{
    /// <summary>The dialog stack is empty: nothing was running.</summary>
    Empty,

    /// <summary>The active dialog is waiting for the user's next input.</summary>
    Waiting,

    /// <summary>The last dialog on the stack completed; see <see cref="DialogTurnResult.Result"/>.</summary>
    Complete,

    /// <summary>The dialog stack was cancelled and is now empty.</summary>
    Cancelled,
}
