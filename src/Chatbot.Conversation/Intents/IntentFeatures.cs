using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.AI.Understanding;
using Chatbot.Grounding.Model;
using Chatbot.Knowledge.Retrieval;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// What the intent classifier measures of a message: the turn's one sentence embedding, cheap text cues whose word
/// lists live in the embedded <c>intent-cues.json</c> (question words, claim markers, farewells, mentions of the
/// bot's own replies…), the message's shape, and how closely the knowledge base matches it. The last is what widens
/// the bot's scope with a pilot's documents: "how do I start a return?" is a question when the indexed pages answer
/// it, whatever its words share with "start over".
/// </summary>
public sealed partial class IntentFeatures
{
    private const string ResourceName = "Chatbot.Conversation.Intents.intent-cues.json";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Lazy<IntentFeatures> s_default = new(() => FromJson(EmbeddedResource.ReadText(typeof(IntentFeatures).Assembly, ResourceName)));

    private readonly (string Name, Regex Pattern)[] _cues;
    private readonly Regex _opening;

    private IntentFeatures(IReadOnlyList<(string Name, IReadOnlyList<string> Phrases)> lists)
    {
        CuePhrases = [.. lists.SelectMany(list => list.Phrases)];
        _cues = [.. lists.Select(list => (list.Name, new Regex($@"(?<![\w'])(?:{Alternatives(list.Phrases)})(?![\w'])", Options)))];
        var questionWords = lists.First(list => list.Name == "questionWords").Phrases;
        _opening = new Regex($@"^\W*(?:(?:so|and|but|ok|okay|hey|hi|um+|wait|hmm+|also|then|well)[\s,!.]+)*(?:{Alternatives(questionWords)})(?![\w'])", Options);
        TextFeatureNames = [.. _cues.Select(c => c.Name), "opensWithQuestion", "questionMark", "words", "compares", "knowledge", "keywordAgrees", "subjects", "courtesyThenQuestion"];
    }

    /// <summary>The cues that ship with the library.</summary>
    public static IntentFeatures Default => s_default.Value;

    /// <summary>Every phrase of every cue list: words that spelling correction must know, so that a cue is matched when it is misspelt.</summary>
    public IReadOnlyList<string> CuePhrases { get; }

    /// <summary>The names of the features other than the embedding, in vector order (the embedding's dimensions follow them).</summary>
    public IReadOnlyList<string> TextFeatureNames { get; }

    /// <summary>Reads cue lists from JSON: an object whose every array of strings is one cue (keys starting with "_" are comments).</summary>
    /// <exception cref="ArgumentException">The JSON holds no lists, or a list is empty or not of strings.</exception>
    public static IntentFeatures FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var lists = new List<(string, IReadOnlyList<string>)>();
        foreach (var property in document.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
        {
            if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0
                || property.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
            {
                throw new ArgumentException($"The intent cue '{property.Name}' must be a non-empty list of phrases.", nameof(json));
            }

            lists.Add((property.Name, property.Value.EnumerateArray().Select(e => e.GetString()!.Trim()).ToArray()));
        }

        if (!lists.Any(l => l.Item1 == "questionWords"))
        {
            throw new ArgumentException("The intent cues need a 'questionWords' list.", nameof(json));
        }

        return new IntentFeatures(lists);
    }

    /// <summary>
    /// The feature vector of <paramref name="analysis"/>: the text features named by <see cref="TextFeatureNames"/>,
    /// then the message's embedding. <paramref name="passages"/> is what the knowledge base returned for it (best first).
    /// </summary>
    public double[] Measure(MessageAnalysis analysis, IReadOnlyList<RetrievedPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(passages);
        var text = analysis.Normalized;
        var vector = analysis.Vector.Span;
        var features = new double[TextFeatureNames.Count + vector.Length];
        var i = 0;
        foreach (var (_, pattern) in _cues)
        {
            features[i++] = pattern.IsMatch(text) ? 1 : 0;
        }

        features[i++] = _opening.IsMatch(text) ? 1 : 0;
        features[i++] = text.Contains('?', StringComparison.Ordinal) ? 1 : 0;
        features[i++] = Math.Log(1 + text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        features[i++] = analysis.Compares ? 1 : 0;
        var best = passages.Count > 0 ? passages[0] : null;
        features[i++] = best?.DenseScore ?? 0;
        features[i++] = best?.Bm25Rank is not null ? 1 : 0;
        features[i++] = SubjectsNamed(text, passages);
        features[i++] = CourtesyThenQuestion(text) ? 1 : 0;
        for (var d = 0; d < vector.Length; d++)
        {
            features[i++] = vector[d];
        }

        return features;
    }

    /// <summary>
    /// The courtesies that open a message whose <paramref name="intent"/> is something else: a short first clause
    /// ("thanks!", "hi there,", "great answer, but …") before what the message asks. The bot acknowledges them and acts
    /// on the intent. Empty when the message is only a courtesy, or opens with none.
    /// </summary>
    public IReadOnlyList<Intent> Courtesies(string normalized, Intent intent)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (intent is Intent.Thanks or Intent.Greeting or Intent.Feedback or Intent.Farewell)
        {
            return [];
        }

        var clause = LeadingClause().Match(normalized);
        if (!clause.Success || clause.Length >= normalized.TrimEnd().Length - 2 || clause.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxCourtesyWords)
        {
            return [];
        }

        var found = new List<Intent>();
        if (Cue("greetings").IsMatch(clause.Value) && _opening.Match(clause.Value) is { Success: false })
        {
            found.Add(Intent.Greeting);
        }

        if (Cue("thanks").IsMatch(clause.Value))
        {
            found.Add(Intent.Thanks);
        }

        if (Cue("judgements").IsMatch(clause.Value))
        {
            found.Add(Intent.Feedback);
        }

        return found;
    }

    /// <summary>
    /// How many of the documents that the search found the message names, by title or topic, up to two: a second
    /// named subject is what a comparison or a claim about two things has, without "vs". The names come from the
    /// indexed documents, so a new article, or a pilot's pages, widen them with no code change.
    /// </summary>
    public static int SubjectsNamed(string normalized, IReadOnlyList<RetrievedPassage> passages)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(passages);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            if (named.Contains(passage.DocumentId))
            {
                continue;
            }

            if (passage.Topics.Prepend(passage.Title).Any(name => Names(normalized, name)))
            {
                named.Add(passage.DocumentId);
                if (named.Count == 2)
                {
                    break;
                }
            }
        }

        return named.Count;
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="name"/> as whole words (case-insensitive; names under three letters are too ambiguous).</summary>
    private static bool Names(string text, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length < 3)
        {
            return false;
        }

        for (var at = text.IndexOf(trimmed, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(trimmed, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + trimmed.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the message opens with a short courtesy clause ("thanks!", "great answer, but", "hi there,") and goes on
    /// to ask something: what makes "great answer, but what does X do?" a question with feedback, not feedback alone.
    /// </summary>
    private bool CourtesyThenQuestion(string normalized)
    {
        var clause = LeadingClause().Match(normalized);
        if (!clause.Success || clause.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxCourtesyWords
            || !(Cue("greetings").IsMatch(clause.Value) || Cue("thanks").IsMatch(clause.Value) || Cue("judgements").IsMatch(clause.Value)))
        {
            return false;
        }

        var rest = normalized[clause.Length..].TrimStart(' ', ',', '.', '!', ';', ':', '-');
        return rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 && (_opening.IsMatch(rest) || rest.Contains('?', StringComparison.Ordinal));
    }

    /// <summary>The most words of an opening courtesy ("ok thanks a lot for that,").</summary>
    private const int MaxCourtesyWords = 7;

    private Regex Cue(string name) => _cues.First(c => c.Name == name).Pattern;

    [GeneratedRegex(@"^[^.!?,;:]+?(?=[.!?,;:]|\s+(?:and|but|also|so|now)\s)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingClause();

    private static string Alternatives(IEnumerable<string> phrases) =>
        string.Join('|', phrases.OrderByDescending(p => p.Length).Select(p => Regex.Escape(p).Replace(@"\ ", @"\s+", StringComparison.Ordinal)));
}
