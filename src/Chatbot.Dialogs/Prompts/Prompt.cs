using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Chatbot.Dialogs;

/// <summary>
/// Base class of prompts: dialogs that ask one question, recognize the answer, validate it and end
/// with the value, asking again after invalid input.
/// </summary>
/// <typeparam name="T">The type of value the prompt returns.</typeparam>
/// <remarks>
/// <para>
/// Unlike Microsoft.Bot.Builder.Dialogs, whose prompts retry forever, a prompt here gives up after
/// <see cref="MaxAttempts"/> invalid inputs (3 by default). It then ends with
/// <see cref="DialogTurnStatus.Complete"/> and a <see langword="null"/> result without sending the retry
/// prompt, so the caller decides what to say next: a waterfall's next step sees
/// <see cref="WaterfallStepContext.Result"/> <see langword="null"/>. The result is <see langword="null"/>,
/// not <c>default(T)</c>, so giving up on a <see cref="ConfirmPrompt"/> is not mistaken for "no".
/// Cancelling instead would tear down the caller's dialogs too and take the choice away from it.
/// </para>
/// <para>Only message activities are answers; other activities (typing, reactions) leave the prompt waiting.</para>
/// </remarks>
public abstract class Prompt<T> : Dialog
{
    /// <summary>The key of the attempt count in the prompt's state (see <see cref="PromptValidatorContext{T}.State"/>).</summary>
    public const string AttemptCountKey = "AttemptCount";

    /// <summary>The number of invalid inputs after which a prompt gives up, unless <see cref="MaxAttempts"/> says otherwise.</summary>
    public const int DefaultMaxAttempts = 3;

    private const string PersistedOptions = "options";
    private const string PersistedPromptState = "state";

    private readonly PromptValidator<T>? _validator;
    private int? _maxAttempts = DefaultMaxAttempts;

    /// <summary>
    /// Initializes a new instance of the <see cref="Prompt{T}"/> class.
    /// </summary>
    /// <param name="dialogId">The prompt's id.</param>
    /// <param name="validator">Extra validation of the recognized value; without it any recognized value is accepted.</param>
    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId)
    {
        _validator = validator;
    }

    /// <summary>
    /// Gets or sets how many invalid inputs the prompt takes before it gives up and ends with a
    /// <see langword="null"/> result; <see langword="null"/> retries forever, as the official SDK does.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? MaxAttempts
    {
        get => _maxAttempts;
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxAttempts must be at least 1, or null for no limit.");
            }

            _maxAttempts = value;
        }
    }

    /// <inheritdoc />
    /// <param name="dc">The dialog context.</param>
    /// <param name="options">A <see cref="PromptOptions"/>; <see langword="null"/> prompts without a message.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is not a <see cref="PromptOptions"/>.</exception>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (options is not null and not PromptOptions)
        {
            throw new ArgumentException($"Prompt options must be a {nameof(PromptOptions)}.", nameof(options));
        }

        var promptOptions = options as PromptOptions ?? new PromptOptions();
        var instance = dc.ActiveDialog ?? throw new InvalidOperationException("The dialog stack has no active dialog.");
        instance.State[PersistedOptions] = promptOptions;
        var promptState = new Dictionary<string, object> { [AttemptCountKey] = 0 };
        instance.State[PersistedPromptState] = promptState;

        await OnPromptAsync(dc.Context, promptState, promptOptions, false, cancellationToken);
        return EndOfTurn;
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog ?? throw new InvalidOperationException("The dialog stack has no active dialog.");
        var (promptState, promptOptions) = Restore(instance);

        var recognized = await OnRecognizeAsync(dc.Context, promptState, promptOptions, cancellationToken);
        var attemptCount = PersistedState.GetInt32(promptState, AttemptCountKey) + 1;
        promptState[AttemptCountKey] = attemptCount;

        var isValid = _validator is null
            ? recognized.Succeeded
            : await _validator(new PromptValidatorContext<T>(dc.Context, recognized, promptState, promptOptions), cancellationToken);
        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }

        if (attemptCount >= MaxAttempts)
        {
            return await dc.EndDialogAsync(null, cancellationToken);
        }

        // A validator that explained the problem itself has already answered this turn.
        if (!dc.Context.Responded)
        {
            await OnPromptAsync(dc.Context, promptState, promptOptions, true, cancellationToken);
        }

        return EndOfTurn;
    }

    /// <summary>
    /// Called when a dialog started on top of the prompt ends: the prompt asks again and keeps waiting.
    /// </summary>
    /// <param name="dc">The dialog context.</param>
    /// <param name="reason">Why the prompt is resumed.</param>
    /// <param name="result">Ignored.</param>
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
        var (promptState, promptOptions) = Restore(instance);
        await OnPromptAsync(turnContext, promptState, promptOptions, false, cancellationToken);
    }

    /// <summary>
    /// Sends the question.
    /// </summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="state">The prompt's persisted state.</param>
    /// <param name="options">The prompt's options.</param>
    /// <param name="isRetry"><see langword="true"/> after invalid input.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the question is sent.</returns>
    protected abstract Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recognizes the value in the user's input.
    /// </summary>
    /// <param name="turnContext">The turn, whose activity is the input.</param>
    /// <param name="state">The prompt's persisted state.</param>
    /// <param name="options">The prompt's options.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>What was recognized.</returns>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Picks the message to send: the retry prompt after invalid input when there is one, else the prompt.
    /// </summary>
    /// <param name="options">The prompt's options.</param>
    /// <param name="isRetry"><see langword="true"/> after invalid input.</param>
    /// <returns>
    /// A copy, marked as expecting input, or <see langword="null"/> when there is nothing to send. Sending
    /// fills in the conversation of the turn; a copy keeps options shared between conversations untouched.
    /// </returns>
    protected static Activity? MessageToSend(PromptOptions options, bool isRetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        if (source is null)
        {
            return null;
        }

        var copy = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(source))
            ?? throw new InvalidOperationException("The prompt activity could not be copied.");
        if (string.IsNullOrEmpty(copy.InputHint))
        {
            copy.InputHint = InputHints.ExpectingInput;
        }

        return copy;
    }

    /// <summary>
    /// Adds choices to a prompt message in the given style, keeping its other content.
    /// </summary>
    /// <param name="prompt">The message, or <see langword="null"/> for a message with only the choices.</param>
    /// <param name="choices">The choices.</param>
    /// <param name="style">How to show them.</param>
    /// <param name="options">Wording for the inline and list styles.</param>
    /// <returns>The message to send.</returns>
    protected static IMessageActivity AppendChoices(IMessageActivity? prompt, IList<Choice> choices, ListStyle style, ChoiceFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return ChoiceFactory.AppendChoices(prompt, choices, style, options);
    }

    private static (IDictionary<string, object> State, PromptOptions Options) Restore(DialogInstance instance) =>
        (PersistedState.GetDictionary(instance.State, PersistedPromptState),
         PersistedState.Get<PromptOptions>(instance.State, PersistedOptions) ?? new PromptOptions());
}
