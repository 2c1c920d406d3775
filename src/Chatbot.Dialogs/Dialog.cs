using Microsoft.Bot.Builder;

namespace Chatbot.Dialogs;

/// <summary>
/// Base class of all dialogs: a unit of conversation that runs on a <see cref="DialogContext"/>'s stack
/// and keeps its state in its <see cref="DialogInstance"/>.
/// </summary>
public abstract class Dialog
{
    /// <summary>
    /// A result that tells the caller the active dialog is waiting for the user's next input.
    /// </summary>
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    /// <summary>
    /// Initializes a new instance of the <see cref="Dialog"/> class.
    /// </summary>
    /// <param name="dialogId">The id, unique within the <see cref="DialogSet"/> the dialog is added to.</param>
    protected Dialog(string dialogId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogId);
        Id = dialogId;
    }

    /// <summary>Gets the dialog's id.</summary>
    public string Id { get; }

    /// <summary>
    /// Called when the dialog is pushed onto the stack.
    /// </summary>
    /// <param name="dc">The dialog context; its <see cref="DialogContext.ActiveDialog"/> is this dialog's instance.</param>
    /// <param name="options">Arguments the caller passed, if any.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns><see cref="EndOfTurn"/> to wait for input, or the result of ending the dialog.</returns>
    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Called when the user replies while this dialog is active. By default the dialog ends.
    /// </summary>
    /// <param name="dc">The dialog context.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The turn's result.</returns>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>
    /// Called when a dialog this one started has ended and this one is active again.
    /// By default the dialog ends and passes <paramref name="result"/> on.
    /// </summary>
    /// <param name="dc">The dialog context.</param>
    /// <param name="reason">Why the dialog is resumed.</param>
    /// <param name="result">The value the child dialog returned.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The turn's result.</returns>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }

    /// <summary>
    /// Called when the dialog should ask its question again. By default nothing is sent.
    /// </summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="instance">This dialog's instance on the stack.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the reprompt is sent.</returns>
    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>
    /// Called just before the dialog's instance is removed from the stack. By default nothing happens.
    /// </summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="instance">This dialog's instance on the stack.</param>
    /// <param name="reason">Why the dialog ends.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when clean-up is done.</returns>
    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
