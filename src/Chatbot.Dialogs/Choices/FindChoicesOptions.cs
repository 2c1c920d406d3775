namespace Chatbot.Dialogs.Choices;

/// <summary>
/// What user input <see cref="ChoicePrompt"/> accepts as picking a choice.
/// </summary>
public sealed class FindChoicesOptions
{
    /// <summary>Gets or sets a value indicating whether a choice's <see cref="Choice.Value"/> is ignored when matching.</summary>
    public bool NoValue { get; set; }

    /// <summary>Gets or sets a value indicating whether a choice's <see cref="Choice.Action"/> title and value are ignored when matching.</summary>
    public bool NoAction { get; set; }

    /// <summary>Gets or sets a value indicating whether "2" picks the second choice; default <see langword="true"/>.</summary>
    public bool RecognizeNumbers { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether "second", "2nd" or "last" pick a choice (English); default <see langword="true"/>.</summary>
    public bool RecognizeOrdinals { get; set; } = true;
}
