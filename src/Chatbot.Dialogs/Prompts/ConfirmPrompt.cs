using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs;

/// <summary>
/// Asks a yes/no question and returns a <see cref="bool"/>. Shows Yes and No as suggested actions by default.
/// </summary>
/// <remarks>
/// Recognizes, ignoring case and trailing punctuation, the labels of <see cref="ConfirmChoices"/>, their
/// numbers ("1" yes, "2" no) and common English answers: yes, y, yeah, yep, sure, ok, of course; no, n,
/// nope, nah, no thanks. An answer that starts with one of the single words ("yes please", "nope, sorry")
/// counts too.
/// </remarks>
public sealed class ConfirmPrompt : Prompt<bool>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ConfirmPrompt"/> class.
    /// </summary>
    /// <param name="dialogId">The prompt's id.</param>
    /// <param name="validator">Extra validation of the answer.</param>
    public ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null)
        : base(dialogId, validator)
    {
    }

    /// <summary>Gets or sets how Yes and No are shown when <see cref="PromptOptions.Style"/> is unset; default <see cref="ListStyle.Auto"/> (suggested actions).</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>Gets or sets the wording for the inline and list styles.</summary>
    public ChoiceFactoryOptions? ChoiceOptions { get; set; }

    /// <summary>Gets or sets the yes and no choices shown; default "Yes" and "No".</summary>
    public Tuple<Choice, Choice> ConfirmChoices { get; set; } = Tuple.Create(new Choice("Yes"), new Choice("No"));

    /// <inheritdoc />
    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var choices = new List<Choice> { ConfirmChoices.Item1, ConfirmChoices.Item2 };
        var message = AppendChoices(MessageToSend(options, isRetry), choices, options.Style ?? Style, ChoiceOptions);
        await turnContext.SendActivityAsync(message, cancellationToken);
    }

    /// <inheritdoc />
    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var result = new PromptRecognizerResult<bool>();
        if (turnContext.Activity.Type != ActivityTypes.Message)
        {
            return Task.FromResult(result);
        }

        var text = turnContext.Activity.Text;
        var choice = ChoiceRecognizer.Recognize(text, [ConfirmChoices.Item1, ConfirmChoices.Item2], new FindChoicesOptions { RecognizeOrdinals = false });
        var answer = choice is not null ? choice.Index == 0 : ConfirmRecognizer.Recognize(text);
        if (answer is bool value)
        {
            result.Succeeded = true;
            result.Value = value;
        }

        return Task.FromResult(result);
    }
}
