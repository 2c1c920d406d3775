using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs;

/// <summary>
/// What a prompt asks and how: passed to <see cref="DialogContext.PromptAsync"/> and persisted with the prompt.
/// </summary>
public sealed class PromptOptions
{
    /// <summary>Gets or sets the question sent when the prompt starts.</summary>
    public Activity? Prompt { get; set; }

    /// <summary>Gets or sets the message sent after invalid input; <see cref="Prompt"/> is sent again when unset.</summary>
    public Activity? RetryPrompt { get; set; }

    /// <summary>Gets or sets the choices of a <see cref="ChoicePrompt"/>.</summary>
    public IList<Choice>? Choices { get; set; }

    /// <summary>Gets or sets how choices are shown, overriding the prompt's own <c>Style</c>.</summary>
    public ListStyle? Style { get; set; }

    /// <summary>Gets or sets data for a custom validator, available as <see cref="PromptValidatorContext{T}.Options"/>.</summary>
    public object? Validations { get; set; }
}
