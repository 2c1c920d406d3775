using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs;

/// <summary>
/// Asks for text; any message with text is recognized and returned as a <see cref="string"/>.
/// </summary>
public sealed class TextPrompt : Prompt<string>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="TextPrompt"/> class.
    /// </summary>
    /// <param name="dialogId">The prompt's id.</param>
    /// <param name="validator">Extra validation, for example a maximum length.</param>
    public TextPrompt(string dialogId, PromptValidator<string>? validator = null)
        : base(dialogId, validator)
    {
    }

    /// <inheritdoc />
    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var message = MessageToSend(options, isRetry);
        if (message is not null)
        {
            await turnContext.SendActivityAsync(message, cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Type == ActivityTypes.Message ? turnContext.Activity.Text : null;
        return Task.FromResult(new PromptRecognizerResult<string> { Succeeded = text is not null, Value = text });
    }
}
