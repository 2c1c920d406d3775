using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs.Choices;

/// <summary>
/// An option offered by a <see cref="ChoicePrompt"/>.
/// </summary>
public sealed class Choice
{
    /// <summary>
    /// Initializes a new instance of the <see cref="Choice"/> class.
    /// </summary>
    public Choice()
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="Choice"/> class.
    /// </summary>
    /// <param name="value">The value returned when the choice is picked; also its label.</param>
    public Choice(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>Gets or sets the value returned when the choice is picked; also its default label.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>Gets or sets the button or suggested action to show instead of the default imBack of <see cref="Value"/>.</summary>
    public CardAction? Action { get; set; }

    /// <summary>Gets or sets other words the user may type to pick this choice.</summary>
    public List<string>? Synonyms { get; set; }
}
