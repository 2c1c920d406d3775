using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs;

/// <summary>
/// A dialog that runs a fixed sequence of <see cref="WaterfallStep"/>s. Each step usually prompts and
/// returns; the next step runs on the next turn with the prompt's answer as its
/// <see cref="WaterfallStepContext.Result"/>. The dialog ends with the last step's result.
/// </summary>
public class WaterfallDialog : Dialog
{
    private const string PersistedOptions = "options";
    private const string PersistedValues = "values";
    private const string StepIndex = "stepIndex";

    private readonly List<WaterfallStep> _steps = [];

    /// <summary>
    /// Initializes a new instance of the <see cref="WaterfallDialog"/> class.
    /// </summary>
    /// <param name="dialogId">The dialog's id.</param>
    /// <param name="actions">The steps, in order.</param>
    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? actions = null)
        : base(dialogId)
    {
        if (actions is not null)
        {
            foreach (var step in actions)
            {
                AddStep(step);
            }
        }
    }

    /// <summary>
    /// Appends a step.
    /// </summary>
    /// <param name="step">The step to run after the current last one.</param>
    /// <returns>This dialog, for chaining.</returns>
    public WaterfallDialog AddStep(WaterfallStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = ActiveState(dc);
        if (options is not null)
        {
            state[PersistedOptions] = options;
        }

        state[PersistedValues] = new Dictionary<string, object>();
        return await RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);

        // Only messages move a waterfall on: typing, reactions and the like are not answers.
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        return await ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var index = PersistedState.GetInt32(ActiveState(dc), StepIndex);
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    /// <summary>
    /// Runs one step; override to add behaviour around every step.
    /// </summary>
    /// <param name="stepContext">The step's context.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The step's result.</returns>
    protected virtual Task<DialogTurnResult> OnStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stepContext);
        return _steps[stepContext.Index](stepContext, cancellationToken);
    }

    private static IDictionary<string, object> ActiveState(DialogContext dc) =>
        (dc.ActiveDialog ?? throw new InvalidOperationException("The dialog stack has no active dialog.")).State;

    private async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken);
        }

        var state = ActiveState(dc);
        state[StepIndex] = index;
        state.TryGetValue(PersistedOptions, out var options);
        var values = PersistedState.GetDictionary(state, PersistedValues);
        var stepContext = new WaterfallStepContext(this, dc, options, values, index, reason, result);
        return await OnStepAsync(stepContext, cancellationToken);
    }
}
