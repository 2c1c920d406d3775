namespace Chatbot.Dialogs.Choices;

/// <summary>
/// Wording used by <see cref="ChoiceFactory.Inline"/> and <see cref="ChoiceFactory.List"/>.
/// </summary>
public sealed class ChoiceFactoryOptions
{
    /// <summary>Gets or sets the separator between inline choices; default ", ".</summary>
    public string InlineSeparator { get; set; } = ", ";

    /// <summary>Gets or sets the separator before the last of two inline choices; default " or ".</summary>
    public string InlineOr { get; set; } = " or ";

    /// <summary>Gets or sets the separator before the last of three or more inline choices; default ", or ".</summary>
    public string InlineOrMore { get; set; } = ", or ";

    /// <summary>Gets or sets a value indicating whether choices are numbered; default <see langword="true"/>.</summary>
    public bool IncludeNumbers { get; set; } = true;
}
