using System.Text.RegularExpressions;

namespace Chatbot.AI.Extractive;

/// <summary>
/// The words of a text that say what it is about: lower-cased, stemmed (see <see cref="LightStemmer"/>),
/// without stop words and words of one or two letters. The extractive composer compares questions,
/// sentences and titles by these.
/// </summary>
internal static partial class ContentWords
{
    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out", "has", "his", "how",
        "its", "who", "did", "get", "may", "him", "let", "say", "she", "too", "use", "that", "with", "have", "this", "will", "your", "from",
        "they", "know", "want", "been", "more", "when", "what", "which", "their", "there", "about", "would", "these", "other", "into",
        "than", "then", "them", "does", "between", "difference", "different", "differ", "tell", "explain", "why", "where", "is", "it",
    };

    /// <summary>The stemmed content words of <paramref name="text"/>.</summary>
    public static HashSet<string> Of(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            var w = m.Value;
            // Numbers count however short: "Gemini 3" and "Llama 2" name different things from "Gemini" and "Llama".
            if ((w.Length > 2 || char.IsDigit(w[0])) && !s_stopWords.Contains(w))
            {
                words.Add(LightStemmer.Stem(w));
            }
        }

        return words;
    }

    [GeneratedRegex(@"[a-z0-9][a-z0-9\-]*")]
    private static partial Regex Word();
}
