namespace Chatbot.Dialogs;

/// <summary>
/// The persisted dialog stack of a conversation (or of a <see cref="ComponentDialog"/>'s inner dialogs).
/// </summary>
/// <remarks>The active dialog is at index 0, as in Microsoft.Bot.Builder.Dialogs.</remarks>
public sealed class DialogState
{
    /// <summary>
    /// Initializes a new instance of the <see cref="DialogState"/> class with an empty stack.
    /// </summary>
    public DialogState()
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="DialogState"/> class over an existing stack.
    /// </summary>
    /// <param name="stack">The stack to use; it is shared, not copied.</param>
    public DialogState(List<DialogInstance> stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        DialogStack = stack;
    }

    /// <summary>Gets or sets the dialog stack; the active dialog is first.</summary>
    public List<DialogInstance> DialogStack { get; set; } = [];
}
