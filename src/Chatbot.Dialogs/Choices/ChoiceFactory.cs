using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs.Choices;

/// <summary>
/// Builds messages that show a list of choices in one of the <see cref="ListStyle"/>s.
/// </summary>
public static class ChoiceFactory
{
    /// <summary>
    /// Turns plain strings into choices.
    /// </summary>
    /// <param name="choices">The values.</param>
    /// <returns>One <see cref="Choice"/> per non-blank value.</returns>
    public static IList<Choice> ToChoices(IEnumerable<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return [.. choices.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => new Choice(c))];
    }

    /// <summary>
    /// Builds a message whose choices are suggested actions (quick replies).
    /// </summary>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The message text.</param>
    /// <param name="speak">The spoken text.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity SuggestedAction(IList<Choice> choices, string? text = null, string? speak = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return MessageFactory.SuggestedActions(choices.Select(ToAction), text, speak, InputHints.ExpectingInput);
    }

    /// <summary>
    /// Builds a message whose text ends with the choices on one line: "text (1) Red, (2) Green, or (3) Blue".
    /// </summary>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The message text.</param>
    /// <param name="speak">The spoken text.</param>
    /// <param name="options">Separators and numbering.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity Inline(IList<Choice> choices, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        options ??= new ChoiceFactoryOptions();
        var builder = new StringBuilder(text ?? string.Empty).Append(' ');
        for (var i = 0; i < choices.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(i < choices.Count - 1 ? options.InlineSeparator : choices.Count == 2 ? options.InlineOr : options.InlineOrMore);
            }

            if (options.IncludeNumbers)
            {
                builder.Append(CultureInfo.InvariantCulture, $"({i + 1}) ");
            }

            builder.Append(Title(choices[i]));
        }

        return MessageFactory.Text(builder.ToString().TrimStart(), speak, InputHints.ExpectingInput);
    }

    /// <summary>
    /// Builds a message whose text ends with the choices as a list, one per line.
    /// </summary>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The message text.</param>
    /// <param name="speak">The spoken text.</param>
    /// <param name="options">Numbering.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity List(IList<Choice> choices, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var includeNumbers = options?.IncludeNumbers ?? true;
        var builder = new StringBuilder(text ?? string.Empty).Append("\n\n");
        for (var i = 0; i < choices.Count; i++)
        {
            builder.Append("   ");
            builder.Append(includeNumbers ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}. ") : "- ");
            builder.Append(Title(choices[i]));
            if (i < choices.Count - 1)
            {
                builder.Append('\n');
            }
        }

        return MessageFactory.Text(builder.ToString(), speak, InputHints.ExpectingInput);
    }

    /// <summary>
    /// Builds a message with a hero card whose buttons are the choices.
    /// </summary>
    /// <param name="choices">The choices.</param>
    /// <param name="text">The card text.</param>
    /// <param name="speak">The spoken text.</param>
    /// <returns>The message.</returns>
    public static IMessageActivity HeroCard(IList<Choice> choices, string? text = null, string? speak = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var card = new HeroCard(text: text, buttons: [.. choices.Select(ToAction)]);
        return MessageFactory.Attachment(card.ToAttachment(), null, speak, InputHints.ExpectingInput);
    }

    /// <summary>
    /// Adds the choices to a prompt in the given style, keeping the prompt's other content.
    /// </summary>
    internal static IMessageActivity AppendChoices(IMessageActivity? prompt, IList<Choice> choices, ListStyle style, ChoiceFactoryOptions? options)
    {
        var text = prompt?.Text;
        var speak = prompt?.Speak;
        var rendered = style switch
        {
            ListStyle.None => MessageFactory.Text(text, speak, InputHints.ExpectingInput),
            ListStyle.Inline => Inline(choices, text, speak, options),
            ListStyle.List => List(choices, text, speak, options),
            ListStyle.HeroCard => HeroCard(choices, text, speak),
            _ => SuggestedAction(choices, text, speak),
        };

        if (prompt is null)
        {
            return rendered;
        }

        // A hero card carries the text itself; elsewhere the rendered text replaces the prompt's.
        prompt.Text = style == ListStyle.HeroCard ? null : rendered.Text;
        if (rendered.SuggestedActions is not null)
        {
            prompt.SuggestedActions = rendered.SuggestedActions;
        }

        if (rendered.Attachments is { Count: > 0 })
        {
            prompt.Attachments = [.. prompt.Attachments ?? [], .. rendered.Attachments];
        }

        return prompt;
    }

    private static string Title(Choice choice) => choice.Action?.Title ?? choice.Value;

    private static CardAction ToAction(Choice choice) =>
        choice.Action ?? new CardAction(ActionTypes.ImBack, title: choice.Value, value: choice.Value);
}
