namespace Chatbot.Dialogs;

/// <summary>
/// The context a <see cref="WaterfallStep"/> runs with. It is a <see cref="DialogContext"/> over the
/// waterfall's own stack, so a step can begin, prompt, replace, end or cancel dialogs.
/// </summary>
public sealed class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _waterfall;
    private bool _nextCalled;

    internal WaterfallStepContext(
        WaterfallDialog waterfall,
        DialogContext dc,
        object? options,
        IDictionary<string, object> values,
        int index,
        DialogReason reason,
        object? result)
        : base(dc.Dialogs, dc.Context, dc.StackState, dc.Parent)
    {
        _waterfall = waterfall;
        Options = options;
        Values = values;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>Gets the zero-based index of the running step.</summary>
    public int Index { get; }

    /// <summary>Gets the options the waterfall was started with.</summary>
    public object? Options { get; }

    /// <summary>Gets why this step runs.</summary>
    public DialogReason Reason { get; }

    /// <summary>
    /// Gets the previous step's result: a prompt's recognized value, a child dialog's result, the value
    /// passed to <see cref="NextAsync"/>, or the user's text when the previous step just waited.
    /// </summary>
    public object? Result { get; }

    /// <summary>Gets values shared by all the steps of this waterfall run; they are persisted with the dialog.</summary>
    public IDictionary<string, object> Values { get; }

    /// <summary>
    /// Skips to the next step without waiting for the user.
    /// </summary>
    /// <param name="result">The value the next step sees as <see cref="Result"/>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The result of running the next step.</returns>
    /// <exception cref="InvalidOperationException">It was already called in this step.</exception>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException(
                $"WaterfallStepContext.NextAsync(): method already called for dialog and step '{_waterfall.Id}[{Index}]'.");
        }

        _nextCalled = true;
        return _waterfall.ResumeDialogAsync(this, DialogReason.NextCalled, result, cancellationToken);
    }
}
