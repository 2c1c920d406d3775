using System.Text.RegularExpressions;

namespace Chatbot.AI.Prompting;

/// <summary>
/// Splits a question that asks two things at once ("How many parameters does GPT-3 have and who
/// made it?") into its parts, so retrieval and the extractive composer can answer each part
/// rather than only the one that dominates the whole question's wording.
/// </summary>
public static partial class QuestionParts
{
    private const int MinPartWords = 2;

    /// <summary>The parts of <paramref name="question"/>: one part (the trimmed question) when it asks one thing.</summary>
    public static IReadOnlyList<string> Split(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var trimmed = question.Trim();
        var parts = new List<string>();
        var start = 0;
        foreach (Match match in Joint().Matches(trimmed))
        {
            var part = trimmed[start..match.Index].Trim();
            if (WordCount(part) >= MinPartWords && WordCount(trimmed[(match.Index + match.Length)..]) >= MinPartWords)
            {
                parts.Add(part);
                start = match.Index + match.Length;
            }
        }

        parts.Add(trimmed[start..].Trim());
        return parts;
    }

    /// <summary>
    /// What to search for a later part: the part plus the words of the first part it does not
    /// repeat, so "who made it" is searched together with what "it" is ("GPT-3 parameters").
    /// </summary>
    public static string WithSubject(string part, string firstPart)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(firstPart);
        var partWords = new HashSet<string>(Words(part), StringComparer.OrdinalIgnoreCase);
        var subject = Words(firstPart).Where(w => !partWords.Contains(w) && !s_questionWords.Contains(w)).ToArray();
        return subject.Length == 0 ? part : $"{part.TrimEnd('?', ' ')} ({string.Join(' ', subject)})";
    }

    /// <summary>What "what is X?", "what are Xs?", "what does X mean / do / stand for?" or "define X" asks to define, or null for other questions.</summary>
    public static string? DefinedSubject(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var match = DefinitionQuestion().Match(question);
        return match.Success ? match.Groups["x"].Value.Trim() : null;
    }

    private static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value);

    private static int WordCount(string text) => Word().Count(text);

    private static readonly HashSet<string> s_questionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much", "is", "are", "was", "were",
        "do", "does", "did", "can", "could", "the", "a", "an", "of", "in", "on", "to", "and", "or", "it", "its", "has", "have",
    };

    // " and who …", ", and in what …", "; when …": "and" or a semicolon before a question word; a bare comma
    // only before what/when/where/why/how, since ", which …" and ", who …" usually open a relative clause.
    [GeneratedRegex(@"(?:,?\s+and\s+|;\s*)(?=(?:in\s+|at\s+|by\s+|for\s+)?(?:who|whom|whose|what|which|when|where|why|how)\b)|,\s+(?=(?:what|when|where|why|how)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Joint();

    // "what does X ..." defines X only when it ends in mean / do / stand for: "what does Adobe say ..." asks something else.
    [GeneratedRegex(@"^\W*(?:(?:what\s*(?:'s|\s+is|\s+are)|define)\s+(?:an?\s+|the\s+)?(?<x>[^?]+?)|what\s+does\s+(?:an?\s+|the\s+)?(?<x>[^?]+?)\s+(?:mean|do|stand\s+for))\s*\??$", RegexOptions.IgnoreCase)]
    private static partial Regex DefinitionQuestion();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-\.']*")]
    private static partial Regex Word();
}
