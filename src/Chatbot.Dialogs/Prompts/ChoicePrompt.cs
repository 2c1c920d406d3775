using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/> and returns a <see cref="FoundChoice"/>.
/// </summary>
/// <remarks>
/// Input picks a choice when it equals, ignoring case, the choice's value, its action's title or value,
/// or a synonym; or when it is its number ("2") or an English ordinal ("second", "2nd", "last").
/// </remarks>
public sealed class ChoicePrompt : Prompt<FoundChoice>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ChoicePrompt"/> class.
    /// </summary>
    /// <param name="dialogId">The prompt's id.</param>
    /// <param name="validator">Extra validation of the picked choice.</param>
    public ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null)
        : base(dialogId, validator)
    {
    }

    /// <summary>Gets or sets how choices are shown when <see cref="PromptOptions.Style"/> is unset; default <see cref="ListStyle.Auto"/> (suggested actions).</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>Gets or sets the wording for the inline and list styles.</summary>
    public ChoiceFactoryOptions? ChoiceOptions { get; set; }

    /// <summary>Gets or sets what input picks a choice.</summary>
    public FindChoicesOptions? RecognizerOptions { get; set; }

    /// <inheritdoc />
    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var message = AppendChoices(MessageToSend(options, isRetry), options.Choices ?? [], options.Style ?? Style, ChoiceOptions);
        await turnContext.SendActivityAsync(message, cancellationToken);
    }

    /// <inheritdoc />
    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var found = turnContext.Activity.Type == ActivityTypes.Message
            ? ChoiceRecognizer.Recognize(turnContext.Activity.Text, options.Choices ?? [], RecognizerOptions)
            : null;
        return Task.FromResult(new PromptRecognizerResult<FoundChoice> { Succeeded = found is not null, Value = found });
    }
}
