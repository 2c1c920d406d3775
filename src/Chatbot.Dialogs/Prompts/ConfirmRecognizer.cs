using Chatbot.Dialogs.Choices;

namespace Chatbot.Dialogs;

/// <summary>
/// Recognizes common English yes/no answers.
/// </summary>
internal static class ConfirmRecognizer
{
    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal)
    {
        "yes", "y", "yeah", "yea", "yep", "yup", "ya", "sure", "ok", "okay", "k", "true", "correct", "right",
        "affirmative", "absolutely", "definitely", "certainly", "indeed", "👍",
    };

    private static readonly HashSet<string> NoWords = new(StringComparer.Ordinal)
    {
        "no", "n", "nope", "nah", "nay", "false", "wrong", "negative", "never", "👎",
    };

    private static readonly HashSet<string> YesPhrases = new(StringComparer.Ordinal)
    {
        "of course", "go ahead", "do it", "sounds good", "why not", "i do", "yes please",
    };

    private static readonly HashSet<string> NoPhrases = new(StringComparer.Ordinal)
    {
        "not really", "no thanks", "no thank you", "i don't", "i do not", "don't", "do not", "not now",
    };

    public static bool? Recognize(string? utterance)
    {
        var input = ChoiceRecognizer.Normalize(utterance);
        if (input.Length == 0)
        {
            return null;
        }

        if (YesPhrases.Contains(input) || YesWords.Contains(input))
        {
            return true;
        }

        if (NoPhrases.Contains(input) || NoWords.Contains(input))
        {
            return false;
        }

        // "yes please", "nope, sorry": the first word decides.
        var firstWord = input.Split(' ')[0].TrimEnd(',', '.', '!');
        return YesWords.Contains(firstWord) ? true : NoWords.Contains(firstWord) ? false : null;
    }
}
