namespace Chatbot.Dialogs.Choices;

/// <summary>
/// The choice a user picked, as returned by <see cref="ChoicePrompt"/>.
/// </summary>
public sealed class FoundChoice
{
    /// <summary>Gets or sets the picked choice's <see cref="Choice.Value"/>.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>Gets or sets the zero-based index of the picked choice in the list offered.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets how well the input matched, from 0 to 1; exact matches score 1.</summary>
    public float Score { get; set; }

    /// <summary>Gets or sets the value, synonym, title or number that matched the input.</summary>
    public string? Synonym { get; set; }
}
