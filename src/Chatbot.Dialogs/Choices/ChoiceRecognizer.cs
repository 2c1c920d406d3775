using System.Globalization;

namespace Chatbot.Dialogs.Choices;

/// <summary>
/// Finds which choice an utterance picks: by value, action, synonym, number or English ordinal, ignoring
/// case, surrounding blanks and trailing punctuation. Only whole-utterance matches count; "I'd like red"
/// does not pick "Red", so a wrong guess never silently picks an option.
/// </summary>
internal static class ChoiceRecognizer
{
    private static readonly string[] Ordinals =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    private static readonly string[] ShortOrdinals =
        ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"];

    public static FoundChoice? Recognize(string? utterance, IList<Choice> choices, FindChoicesOptions? options)
    {
        options ??= new FindChoicesOptions();
        var input = Normalize(utterance);
        if (input.Length == 0 || choices.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            var match = Candidates(choices[i], options).FirstOrDefault(c => Normalize(c).Equals(input, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return Found(choices, i, match);
            }
        }

        if (options.RecognizeNumbers
            && int.TryParse(input, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= choices.Count)
        {
            return Found(choices, number - 1, input);
        }

        if (options.RecognizeOrdinals)
        {
            var ordinal = OrdinalIndex(input, choices.Count);
            if (ordinal is int index)
            {
                return Found(choices, index, input);
            }
        }

        return null;
    }

    internal static string Normalize(string? text) =>
        string.Join(' ', (text ?? string.Empty).Trim().TrimEnd('.', '!', '?', ',', ';').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToLowerInvariant();

    private static IEnumerable<string> Candidates(Choice choice, FindChoicesOptions options)
    {
        if (!options.NoValue && !string.IsNullOrWhiteSpace(choice.Value))
        {
            yield return choice.Value;
        }

        if (!options.NoAction && choice.Action is not null)
        {
            if (!string.IsNullOrWhiteSpace(choice.Action.Title))
            {
                yield return choice.Action.Title;
            }

            if (choice.Action.Value is string actionValue && !string.IsNullOrWhiteSpace(actionValue))
            {
                yield return actionValue;
            }
        }

        foreach (var synonym in choice.Synonyms ?? [])
        {
            if (!string.IsNullOrWhiteSpace(synonym))
            {
                yield return synonym;
            }
        }
    }

    private static int? OrdinalIndex(string input, int count)
    {
        var text = input.StartsWith("the ", StringComparison.Ordinal) ? input[4..] : input;
        if (text.EndsWith(" one", StringComparison.Ordinal))
        {
            text = text[..^4];
        }

        if (text == "last")
        {
            return count - 1;
        }

        var index = Array.IndexOf(Ordinals, text);
        if (index < 0)
        {
            index = Array.IndexOf(ShortOrdinals, text);
        }

        return index >= 0 && index < count ? index : null;
    }

    private static FoundChoice Found(IList<Choice> choices, int index, string synonym) =>
        new() { Value = choices[index].Value, Index = index, Score = 1.0f, Synonym = synonym };
}
