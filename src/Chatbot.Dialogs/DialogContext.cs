using Microsoft.Bot.Builder;

namespace Chatbot.Dialogs;

/// <summary>
/// Runs the dialogs of a <see cref="DialogSet"/> on one dialog stack during one turn.
/// </summary>
public class DialogContext
{
    private readonly DialogState _state;

    /// <summary>
    /// Initializes a new instance of the <see cref="DialogContext"/> class.
    /// </summary>
    /// <param name="dialogs">The dialogs that can be started.</param>
    /// <param name="turnContext">The turn.</param>
    /// <param name="state">The stack to run on.</param>
    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state)
        : this(dialogs, turnContext, state, parent: null)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="DialogContext"/> class for the inner stack of a
    /// container dialog such as <see cref="ComponentDialog"/>.
    /// </summary>
    /// <param name="dialogs">The container's dialogs.</param>
    /// <param name="parentDialogContext">The context the container runs on.</param>
    /// <param name="state">The container's inner stack.</param>
    public DialogContext(DialogSet dialogs, DialogContext parentDialogContext, DialogState state)
        : this(dialogs, (parentDialogContext ?? throw new ArgumentNullException(nameof(parentDialogContext))).Context, state, parentDialogContext)
    {
    }

    internal DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state, DialogContext? parent)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        Dialogs = dialogs;
        Context = turnContext;
        _state = state;
        Parent = parent;
    }

    /// <summary>Gets the dialogs that can be started from this context.</summary>
    public DialogSet Dialogs { get; }

    /// <summary>Gets the turn.</summary>
    public ITurnContext Context { get; }

    /// <summary>Gets the context of the container dialog, or <see langword="null"/> at the root.</summary>
    public DialogContext? Parent { get; }

    /// <summary>Gets the dialog stack; the active dialog is first.</summary>
    public List<DialogInstance> Stack => _state.DialogStack;

    /// <summary>Gets the instance of the active dialog, or <see langword="null"/> when the stack is empty.</summary>
    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>Gets the stack object, shared by the contexts created over the same stack.</summary>
    internal DialogState StackState => _state;

    /// <summary>
    /// Pushes a dialog onto the stack and starts it.
    /// </summary>
    /// <param name="dialogId">The id of a dialog in <see cref="Dialogs"/> or in a parent's set.</param>
    /// <param name="options">Arguments for the dialog.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The turn's result.</returns>
    /// <exception cref="InvalidOperationException">No dialog has that id.</exception>
    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogId);
        var dialog = FindDialog(dialogId) ?? throw new InvalidOperationException(
            $"DialogContext.BeginDialogAsync(): A dialog with an id of '{dialogId}' wasn't found. " +
            "The dialog must be included in the current or parent DialogSet; a ComponentDialog adds its dialogs with AddDialog().");

        Stack.Insert(0, new DialogInstance { Id = dialogId });
        return await dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    /// <summary>
    /// Starts a prompt with the given options.
    /// </summary>
    /// <param name="dialogId">The prompt's id.</param>
    /// <param name="options">What to ask and how.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The turn's result.</returns>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>
    /// Passes the turn's activity to the active dialog.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The turn's result; <see cref="DialogTurnStatus.Empty"/> when no dialog is active.</returns>
    /// <exception cref="InvalidOperationException">The active dialog's id is not in the set (for example, it was renamed since the state was saved).</exception>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        var dialog = FindDialog(active.Id) ?? throw new InvalidOperationException(
            $"DialogContext.ContinueDialogAsync(): A dialog with an id of '{active.Id}' wasn't found.");
        return await dialog.ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>
    /// Ends the active dialog and resumes the one below it with <paramref name="result"/>.
    /// </summary>
    /// <param name="result">The value to return to the parent dialog or to the caller.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The turn's result; <see cref="DialogTurnStatus.Complete"/> with <paramref name="result"/> when the stack became empty.</returns>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken);

        var active = ActiveDialog;
        if (active is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete, result);
        }

        var dialog = FindDialog(active.Id) ?? throw new InvalidOperationException(
            $"DialogContext.EndDialogAsync(): Can't resume the previous dialog. A dialog with an id of '{active.Id}' wasn't found.");
        return await dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken);
    }

    /// <summary>
    /// Ends the active dialog and starts another in its place, without resuming the dialog below.
    /// </summary>
    /// <param name="dialogId">The id of the dialog to start.</param>
    /// <param name="options">Arguments for the new dialog.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The turn's result.</returns>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogId);
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>
    /// Ends every dialog on this context's stack, innermost first.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns><see cref="DialogTurnStatus.Cancelled"/>, or <see cref="DialogTurnStatus.Empty"/> when nothing was running.</returns>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count == 0)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        while (Stack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>
    /// Asks the active dialog to send its question again.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the reprompt is sent.</returns>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return;
        }

        var dialog = FindDialog(active.Id) ?? throw new InvalidOperationException(
            $"DialogContext.RepromptDialogAsync(): A dialog with an id of '{active.Id}' wasn't found.");
        await dialog.RepromptDialogAsync(Context, active, cancellationToken);
    }

    /// <summary>
    /// Finds a dialog in this context's set, then in the parents' sets.
    /// </summary>
    /// <param name="dialogId">The dialog's id.</param>
    /// <returns>The dialog, or <see langword="null"/>.</returns>
    public Dialog? FindDialog(string dialogId)
    {
        ArgumentNullException.ThrowIfNull(dialogId);
        return Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);
    }

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return;
        }

        var dialog = FindDialog(active.Id);
        if (dialog is not null)
        {
            await dialog.EndDialogAsync(Context, active, reason, cancellationToken);
        }

        Stack.RemoveAt(0);
    }
}
