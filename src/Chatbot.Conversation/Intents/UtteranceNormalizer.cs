using System.Text;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// Puts a message into the form the rules and the examples share: lower case, straight quotes, single spaces,
/// and common misspellings corrected against the words of the examples ("waht" → "what", "diffrence" → "difference").
/// </summary>
/// <remarks>
/// Correction only touches alphabetic words of four letters or more that are not known words, and only when one
/// known word is nearest: two edits for words of eight letters or more; otherwise one dropped, added or swapped letter
/// (a four-letter word only by swapping two neighbouring letters). That keeps names such as "sora" or "bart" from being "corrected" into other words too often.
/// </remarks>
internal sealed class UtteranceNormalizer
{
    // Frequent words the examples happen not to use; they must never be corrected into something else.
    private static readonly string[] CommonWords =
    [
        "about", "above", "after", "again", "against", "also", "always", "among", "another", "answer", "anything",
        "around", "back", "because", "been", "before", "being", "below", "best", "better", "both", "bring", "came",
        "cannot", "cats", "come", "could", "data", "days", "does", "doing", "done", "down", "each", "even", "ever",
        "every", "fast", "few", "find", "first", "from", "gets", "give", "goes", "going", "gone", "good", "great",
        "have", "having", "here", "high", "into", "just", "keep", "kind", "know", "last", "late", "less", "like",
        "long", "look", "made", "make", "many", "more", "most", "much", "must", "name", "need", "never", "next",
        "nice", "only", "other", "over", "part", "past", "people", "pets", "place", "play", "point", "rate", "read",
        "really", "right", "said", "same", "says", "see", "seen", "should", "show", "since", "some", "something",
        "still", "such", "sure", "take", "tell", "than", "that", "their", "them", "then", "there", "these", "they",
        "thing", "things", "think", "this", "those", "though", "through", "time", "today", "told", "took", "true",
        "under", "until", "upon", "used", "uses", "using", "very", "want", "wants", "well", "were", "what", "when",
        "where", "which", "while", "whom", "whose", "will", "with", "without", "word", "words", "work", "works",
        "world", "would", "write", "year", "years", "your", "yours", "sora", "bart", "bard", "grok", "mistral",
        "gemma", "phi", "qwen", "llama", "cohere", "openai", "google", "meta", "microsoft", "nvidia", "apple",
        "model", "models", "train", "trains", "tokens", "token", "layer", "layers", "weight", "weights",
        "whats", "thats", "hows", "dont", "doesnt", "isnt", "cant", "wont", "youre", "theres",
    ];

    private readonly HashSet<string> _known;
    private readonly Dictionary<int, List<string>> _candidatesByLength;

    /// <summary>A normalizer whose known words are those of <see cref="IntentExamples.All"/> and of the intent cues: what the recognizer and the turn's analysis share.</summary>
    public static UtteranceNormalizer ForIntentExamples() => new(IntentExamples.All.Select(example => example.Text).Concat(IntentFeatures.Default.CuePhrases));

    /// <param name="vocabularySource">Texts whose words are known and are the targets of corrections.</param>
    public UtteranceNormalizer(IEnumerable<string> vocabularySource)
    {
        ArgumentNullException.ThrowIfNull(vocabularySource);
        _known = new HashSet<string>(CommonWords, StringComparer.Ordinal);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in vocabularySource)
        {
            foreach (var word in Words(Clean(text)))
            {
                _known.Add(word);
                if (word.Length >= 4 && IsAlphabetic(word))
                {
                    targets.Add(word);
                }
            }
        }

        _candidatesByLength = targets
            .GroupBy(word => word.Length)
            .ToDictionary(group => group.Key, group => group.OrderBy(word => word, StringComparer.Ordinal).ToList());
    }

    /// <summary>Lower-cases, straightens quotes, collapses white space and corrects misspelt words.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = Clean(text);
        if (cleaned.Length == 0)
        {
            return cleaned;
        }

        var builder = new StringBuilder(cleaned.Length);
        var start = -1;
        for (var i = 0; i <= cleaned.Length; i++)
        {
            var isLetter = i < cleaned.Length && char.IsAsciiLetterLower(cleaned[i]);
            if (isLetter && start < 0)
            {
                start = i;
            }
            else if (!isLetter && start >= 0)
            {
                // Only whole alphabetic runs bounded by non-word characters: "gpt-4" and "don't" stay as they are.
                var word = cleaned[start..i];
                var inCompound = (start > 0 && IsWordJoiner(cleaned[start - 1])) || (i < cleaned.Length && IsWordJoiner(cleaned[i]));
                builder.Append(inCompound ? word : Correct(word));
                start = -1;
            }

            if (!isLetter && i < cleaned.Length)
            {
                builder.Append(cleaned[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Lower case (unless told otherwise), straight quotes, single spaces, trimmed; no spelling correction.</summary>
    /// <remarks>Maps character for character apart from white space, so lower-cased and cased results line up.</remarks>
    public static string Clean(string text, bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text.Trim())
        {
            var c = raw switch
            {
                '\u2018' or '\u2019' or '\u02BC' or '`' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2013' or '\u2014' => '-',
                _ => lowerCase ? char.ToLowerInvariant(raw) : raw,
            };

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private string Correct(string word)
    {
        if (word.Length < 4 || _known.Contains(word))
        {
            return word;
        }

        var maxDistance = word.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        for (var length = word.Length - maxDistance; length <= word.Length + maxDistance; length++)
        {
            if (!_candidatesByLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                var distance = EditDistance(word, candidate, maxDistance);
                if (distance > maxDistance || distance > bestDistance)
                {
                    continue;
                }

                // Below eight letters, replacing a letter too often turns one real word into another
                // ("stuff" → "staff", "bert" → "best"); a dropped, doubled or swapped letter rarely does.
                if (word.Length < 8 && !IsTransposition(word, candidate) && Math.Abs(word.Length - candidate.Length) != 1)
                {
                    continue;
                }

                if (word.Length == 4 && !IsTransposition(word, candidate))
                {
                    continue;
                }

                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                    tie = false;
                }
                else
                {
                    tie = true;
                }
            }
        }

        return best is not null && !tie ? best : word;
    }

    /// <summary>Optimal string alignment distance (edits plus swaps of neighbours), abandoned early past <paramref name="limit"/>.</summary>
    private static int EditDistance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    private static bool IsTransposition(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var first = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                first = i;
                break;
            }
        }

        return first >= 0 && first + 1 < a.Length
            && a[first] == b[first + 1] && a[first + 1] == b[first]
            && a.AsSpan(first + 2).SequenceEqual(b.AsSpan(first + 2));
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split([' ', ',', '.', '?', '!', ':', ';', '(', ')', '"', '/'], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsAlphabetic(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWordJoiner(char c) => char.IsAsciiDigit(c) || c is '-' or '\'' or '_';
}
