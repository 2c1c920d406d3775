using System.Globalization;
using System.Text.RegularExpressions;

namespace Chatbot.Grounding.Text;

/// <summary>
/// What the grounding features read from a sentence: content-word stems and bigrams, numbers,
/// dates, capitalised names and negation.
/// </summary>
internal static partial class TextAnalyzer
{
    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "down", "during", "each", "either", "etc", "few", "for", "from", "further", "had", "has",
        "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if",
        "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my",
        "myself", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
        "own", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
        "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "thus", "to", "too",
        "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where", "whether",
        "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "would", "you", "your", "yours",
        "yourself", "yourselves", "s", "t", "d", "ll", "re", "ve", "m", "don", "let", "lets", "get", "gets", "got",
        "use", "used", "using", "make", "makes", "made", "like", "well", "many", "often", "usually", "generally",
        "typically", "several", "various", "according", "passage", "passages", "source", "sources", "based",
        "mentioned", "provided", "given", "states", "stated", "says", "said", "following", "include", "includes",
        "including", "e.g", "i.e", "way", "ways", "one's", "it's", "that's", "there's", "here's",
    };

    private static readonly HashSet<string> NegationWords = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot", "can't", "don't", "doesn't",
        "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "shouldn't", "couldn't", "hasn't",
        "haven't", "hadn't", "without", "unable", "lack", "lacks", "fail", "fails", "failed",
    };

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = "0", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12",
        ["fifteen"] = "15", ["twenty"] = "20", ["thirty"] = "30", ["forty"] = "40", ["fifty"] = "50",
        ["hundred"] = "100", ["thousand"] = "1000", ["million"] = "1000000", ["billion"] = "1000000000",
        ["twice"] = "2", ["half"] = "0.5", ["double"] = "2", ["triple"] = "3", ["first"] = "1st", ["second"] = "2nd",
        ["third"] = "3rd", ["fourth"] = "4th", ["fifth"] = "5th",
    };

    private static readonly HashSet<string> Months = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[''’.\-][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^(?:\d+[.)]|[*•\-–])\s+|^#+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ListPrefixPattern();

    /// <summary>The sentence without a leading list marker ("1. ", "* ", "- ", "## ").</summary>
    public static string StripListPrefix(string sentence) => ListPrefixPattern().Replace(sentence, string.Empty, 1);

    /// <summary>Analyses one sentence.</summary>
    public static SentenceFacts Analyze(string sentence)
    {
        var text = StripListPrefix(sentence);
        var stems = new List<string>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var negated = false;
        var first = true;
        foreach (Match match in WordPattern().Matches(text))
        {
            var raw = match.Value;
            var lower = raw.ToLowerInvariant().Replace('’', '\'');
            var sentenceInitial = first || PrecededByColon(text, match.Index);
            first = false;
            if (NegationWords.Contains(lower) || lower.EndsWith("n't", StringComparison.Ordinal))
            {
                negated = true;
                continue;
            }

            foreach (var part in SplitToken(lower))
            {
                if (TryNumber(part, out var number))
                {
                    numbers.Add(number);
                    stems.Add(number);
                    words.Add(number);
                    continue;
                }

                if (Stopwords.Contains(part) || part.Length < 2)
                {
                    continue;
                }

                var stem = WordStemmer.Stem(part);
                stems.Add(stem);
                words.Add(stem);
                if (Months.Contains(part))
                {
                    numbers.Add(part);
                }
            }

            if (IsName(raw, sentenceInitial) && !Stopwords.Contains(lower))
            {
                names.Add(WordStemmer.Stem(lower));
            }
        }

        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 1; k < stems.Count; k++)
        {
            bigrams.Add(stems[k - 1] + " " + stems[k]);
        }

        return new SentenceFacts(words, bigrams, numbers, names, negated, stems.Count);
    }

    private static IEnumerable<string> SplitToken(string lower)
    {
        // "3-5" and "well-known" count as their parts; "192.168.1.1" and "3.5" stay whole.
        if (lower.Contains('-', StringComparison.Ordinal))
        {
            foreach (var part in lower.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return part;
            }

            yield break;
        }

        if (lower.EndsWith("'s", StringComparison.Ordinal))
        {
            yield return lower[..^2];
            yield break;
        }

        yield return lower;
    }

    private static bool TryNumber(string token, out string number)
    {
        if (NumberWords.TryGetValue(token, out var word))
        {
            number = word;
            return true;
        }

        number = token;
        if (token.Length == 0 || !char.IsDigit(token[0]))
        {
            return false;
        }

        var digits = token.Replace(",", string.Empty, StringComparison.Ordinal);
        if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !digits.Contains('e', StringComparison.Ordinal))
        {
            number = value.ToString("R", CultureInfo.InvariantCulture);
            return true;
        }

        // "1990s", "3rd", "10am", "192.168.1.1": keep as written.
        number = digits;
        return true;
    }

    private static bool IsName(string raw, bool sentenceInitial)
    {
        if (raw.Length < 2 || !char.IsUpper(raw[0]))
        {
            return false;
        }

        var allCaps = raw.All(ch => !char.IsLetter(ch) || char.IsUpper(ch));
        return allCaps ? raw.Count(char.IsLetter) >= 2 : !sentenceInitial;
    }

    private static bool PrecededByColon(string text, int index)
    {
        for (var k = index - 1; k >= 0; k--)
        {
            if (!char.IsWhiteSpace(text[k]))
            {
                return text[k] is ':' or '(' or '"' or '“';
            }
        }

        return true;
    }
}
