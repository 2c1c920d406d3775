namespace Chatbot.AI.Extractive;

/// <summary>
/// A light suffix stripper, so "entered" meets "enter", "introduced" meets "introduce" and "weekly" meets "week".
/// Words are compared stemmed on both sides, so a stem need not be a word, only the same for a word's forms.
/// </summary>
internal static class LightStemmer
{
    private static readonly string[] s_suffixes = ["ing", "ed", "es", "ly", "s"];

    /// <summary>The stem of <paramref name="word"/>, which is expected in lower case.</summary>
    public static string Stem(string word)
    {
        foreach (var suffix in s_suffixes)
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                word = word[..^suffix.Length];
                break;
            }
        }

        return word.Length > 4 && word[^1] == 'e' ? word[..^1] : word;
    }
}
