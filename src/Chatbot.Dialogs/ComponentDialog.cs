using Microsoft.Bot.Builder;

namespace Chatbot.Dialogs;

/// <summary>
/// A dialog made of other dialogs. It runs them on its own inner stack, persisted inside its instance
/// on the parent's stack, so callers see one dialog; when the inner stack ends, the component ends
/// with the inner result.
/// </summary>
/// <remarks>Derive from it and call <see cref="AddDialog"/> in the constructor.</remarks>
public class ComponentDialog : Dialog
{
    /// <summary>The key of the inner <see cref="DialogState"/> in the component's instance state.</summary>
    public const string PersistedDialogState = "dialogs";

    /// <summary>
    /// Initializes a new instance of the <see cref="ComponentDialog"/> class.
    /// </summary>
    /// <param name="dialogId">The dialog's id.</param>
    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
    }

    /// <summary>
    /// Gets or sets the id of the inner dialog started when the component begins;
    /// by default the first dialog added.
    /// </summary>
    public string? InitialDialogId { get; set; }

    /// <summary>Gets the inner dialogs.</summary>
    public DialogSet Dialogs { get; } = new();

    /// <summary>
    /// Adds an inner dialog.
    /// </summary>
    /// <param name="dialog">The dialog to add.</param>
    /// <returns>This component, for chaining.</returns>
    public ComponentDialog AddDialog(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    /// <summary>
    /// Finds an inner dialog by id.
    /// </summary>
    /// <param name="dialogId">The dialog's id.</param>
    /// <returns>The dialog, or <see langword="null"/>.</returns>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId);

    /// <inheritdoc />
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog ?? throw new InvalidOperationException("The dialog stack has no active dialog.");
        var innerState = new DialogState();
        instance.State[PersistedDialogState] = innerState;
        var innerDc = new DialogContext(Dialogs, dc, innerState);

        var turnResult = await OnBeginDialogAsync(innerDc, options, cancellationToken);
        return turnResult.Status == DialogTurnStatus.Waiting
            ? EndOfTurn
            : await EndComponentAsync(dc, turnResult.Result, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog ?? throw new InvalidOperationException("The dialog stack has no active dialog.");
        var innerDc = new DialogContext(Dialogs, dc, InnerState(instance));

        var turnResult = await OnContinueDialogAsync(innerDc, cancellationToken);
        return turnResult.Status == DialogTurnStatus.Waiting
            ? EndOfTurn
            : await EndComponentAsync(dc, turnResult.Result, cancellationToken);
    }

    /// <summary>
    /// Called when a dialog the component pushed onto the parent's stack ends. Inner dialogs run on the
    /// inner stack, so this only asks the active inner dialog to reprompt and keeps waiting.
    /// </summary>
    /// <param name="dc">The parent's dialog context.</param>
    /// <param name="reason">Why the dialog is resumed.</param>
    /// <param name="result">The ended dialog's result.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns><see cref="Dialog.EndOfTurn"/>.</returns>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog ?? throw new InvalidOperationException("The dialog stack has no active dialog.");
        await RepromptDialogAsync(dc.Context, instance, cancellationToken);
        return EndOfTurn;
    }

    /// <inheritdoc />
    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(instance);
        var innerDc = new DialogContext(Dialogs, turnContext, InnerState(instance));
        await innerDc.RepromptDialogAsync(cancellationToken);
        await OnRepromptDialogAsync(turnContext, instance, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(instance);

        // Cancelling the component cancels its inner dialogs too, so each can clean up.
        if (reason == DialogReason.CancelCalled)
        {
            var innerDc = new DialogContext(Dialogs, turnContext, InnerState(instance));
            await innerDc.CancelAllDialogsAsync(cancellationToken);
        }

        await OnEndDialogAsync(turnContext, instance, reason, cancellationToken);
    }

    /// <summary>
    /// Starts the inner dialogs; by default begins <see cref="InitialDialogId"/>.
    /// </summary>
    /// <param name="innerDc">The context over the inner stack.</param>
    /// <param name="options">The component's options.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The inner turn's result.</returns>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var initialDialogId = InitialDialogId ?? throw new InvalidOperationException(
            $"ComponentDialog '{Id}' has no InitialDialogId: add a dialog with AddDialog() or set InitialDialogId.");
        return innerDc.BeginDialogAsync(initialDialogId, options, cancellationToken);
    }

    /// <summary>
    /// Continues the inner dialogs; by default continues the active inner dialog.
    /// </summary>
    /// <param name="innerDc">The context over the inner stack.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The inner turn's result.</returns>
    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>
    /// Called after the inner dialogs were asked to reprompt. By default nothing happens.
    /// </summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="instance">The component's instance.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task.</returns>
    protected virtual Task OnRepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>
    /// Called when the component ends. By default nothing happens.
    /// </summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="instance">The component's instance.</param>
    /// <param name="reason">Why the component ends.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task.</returns>
    protected virtual Task OnEndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>
    /// Ends the component on the parent's stack with the inner result.
    /// </summary>
    /// <param name="outerDc">The parent's dialog context.</param>
    /// <param name="result">The inner dialogs' result.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The parent's turn result.</returns>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        return outerDc.EndDialogAsync(result, cancellationToken);
    }

    private static DialogState InnerState(DialogInstance instance)
    {
        var state = PersistedState.Get<DialogState>(instance.State, PersistedDialogState);
        if (state is null)
        {
            state = new DialogState();
            instance.State[PersistedDialogState] = state;
        }

        return state;
    }
}
