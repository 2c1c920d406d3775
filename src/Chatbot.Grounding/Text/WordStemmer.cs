namespace Chatbot.Grounding.Text;

/// <summary>
/// A light English suffix stripper (plurals, -ed, -ing, -ly, -er, -est, -ness, -ment, -ation):
/// claim and evidence go through the same rules, so consistency matters more than linguistics.
/// </summary>
internal static class WordStemmer
{
    private static readonly (string Suffix, string Replacement, int MinStem)[] Rules =
    [
        ("ational", "ate", 3), ("ization", "ize", 3), ("ations", "ate", 3), ("ation", "ate", 3),
        ("fulness", "ful", 3), ("iveness", "ive", 3), ("ousness", "ous", 3), ("nesses", string.Empty, 3),
        ("ness", string.Empty, 3), ("ments", string.Empty, 4), ("ment", string.Empty, 4), ("ingly", string.Empty, 3),
        ("edly", string.Empty, 3), ("ings", string.Empty, 3), ("ing", string.Empty, 3), ("ies", "y", 2),
        ("ied", "y", 2), ("ally", "al", 3), ("ly", string.Empty, 3), ("est", string.Empty, 4), ("ers", string.Empty, 3),
        ("er", string.Empty, 3), ("ed", string.Empty, 3), ("sses", "ss", 2), ("es", "e", 3), ("s", string.Empty, 3),
    ];

    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal))
        {
            return word;
        }

        foreach (var (suffix, replacement, minStem) in Rules)
        {
            if (word.Length - suffix.Length >= minStem && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length] + replacement;
                return Undouble(stem.EndsWith('e') && stem.Length > 4 ? stem[..^1] : stem);
            }
        }

        return word.EndsWith('e') && word.Length > 4 ? word[..^1] : word;
    }

    // "stopped" → "stopp" → "stop", so it meets "stop".
    private static string Undouble(string stem)
        => stem.Length > 3 && stem[^1] == stem[^2] && !"lsz".Contains(stem[^1], StringComparison.Ordinal) && !IsVowel(stem[^1])
            ? stem[..^1]
            : stem;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
