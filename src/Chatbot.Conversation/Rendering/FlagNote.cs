using System.Globalization;
using System.Text;
using Chatbot.AI.Answers;
using Chatbot.Grounding;

namespace Chatbot.Conversation.Rendering;

/// <summary>
/// What a reader can act on for one flagged sentence: its kind and the evidence that goes with it. A wrong citation
/// names the source that does support the sentence; a contradiction quotes what the source says, and names the words
/// it gets wrong with what the source has instead ("[2] says 1998, not “1997”"); an unsupported sentence says that no
/// source covers it, naming the words no source uses where the check found them. Every channel shows these; only the
/// layout differs.
/// </summary>
/// <param name="Kind">The grounding verdict (never <see cref="GroundingVerdict.Supported"/>).</param>
/// <param name="Sentence">The flagged sentence, shortened for a one-line note.</param>
/// <param name="Explanation">What the check found, in words a reader understands, with [n] source markers.</param>
public sealed record FlagNote(GroundingVerdict Kind, string Sentence, string Explanation)
{
    /// <summary>The most characters of a quoted sentence or passage in a note.</summary>
    public const int MaxQuote = 160;

    /// <summary>The most marked words a note names; the rest are counted.</summary>
    private const int MaxWords = 3;

    /// <summary>The most characters of one marked phrase in a note.</summary>
    private const int MaxWord = 60;

    /// <summary>The notes for <paramref name="answer"/>'s flagged sentences, in answer order.</summary>
    public static IReadOnlyList<FlagNote> Of(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var sources = answer.Citations.Select(c => c.Number).ToHashSet();
        return [.. answer.Sentences.Where(s => s.Verdict != GroundingVerdict.Supported).Select(s => new FlagNote(s.Verdict, Shorten(s.Text.Trim(), 90), Explain(s, sources)))];
    }

    /// <summary>
    /// The one-line count of each kind: "2 of 5 statements could not be verified: 1 contradicted by its source,
    /// 1 with no source". Empty when nothing is flagged.
    /// </summary>
    public static string Summary(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var flagged = answer.Sentences.Where(s => s.Verdict != GroundingVerdict.Supported).ToList();
        if (flagged.Count == 0)
        {
            return string.Empty;
        }

        var kinds = new List<string>();
        void Count(GroundingVerdict kind, string one, string many)
        {
            var n = flagged.Count(s => s.Verdict == kind);
            if (n > 0)
            {
                kinds.Add(string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}"));
            }
        }

        Count(GroundingVerdict.Contradicted, "contradicted by its source", "contradicted by their sources");
        Count(GroundingVerdict.WrongCitation, "citing the wrong source", "citing the wrong source");
        Count(GroundingVerdict.Unsupported, "with no source that says it", "with no source that says them");
        var statements = answer.Sentences.Count == 1 ? "statement" : "statements";
        return string.Create(CultureInfo.InvariantCulture, $"{flagged.Count} of {answer.Sentences.Count} {statements} could not be verified: {string.Join(", ", kinds)}.");
    }

    /// <summary>What the check found for <paramref name="answer"/>'s flagged <paramref name="sentence"/>, as its note says it.</summary>
    public static string Explain(Answer answer, AnswerSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(sentence);
        return Explain(sentence, answer.Citations.Select(c => c.Number).ToHashSet());
    }

    private static string Explain(AnswerSentence sentence, HashSet<int> sources)
    {
        var evidence = string.IsNullOrWhiteSpace(sentence.Evidence) ? null : Shorten(Flatten(sentence.Evidence), MaxQuote);
        var cited = string.Concat(sentence.Citations.Select(n => $"[{n}]"));
        switch (sentence.Verdict)
        {
            case GroundingVerdict.Contradicted:
                var where = sentence.EvidenceSource is { } n && sources.Contains(n) ? $"[{n}]" : "The source";
                var pairs = sentence.Spans.Where(p => p.Instead is not null && Valid(sentence, p)).Take(MaxWords)
                    .Select(p => $"{Shorten(Flatten(p.Instead!), MaxWord)}, not “{Word(sentence, p)}”").ToList();
                if (pairs.Count > 0)
                {
                    // "[2] says 1998, not “1997”": the reader sees at once which words are wrong and what the source has.
                    var says = $"{where} says {string.Join("; ", pairs)}";
                    return evidence is null ? $"{says}." : $"{says}: “{evidence}”";
                }

                var words = Words(sentence);
                var about = words.Length > 0 ? $" about {words}" : string.Empty;
                return evidence is null ? $"{where} says otherwise{about}." : $"{where} says otherwise{about}: “{evidence}”";
            case GroundingVerdict.WrongCitation:
                var missing = sentence.Citations.Where(c => !sources.Contains(c)).ToList();
                if (missing.Count > 0)
                {
                    return missing.Count == 1
                        ? $"It cites source {missing[0]}, which does not exist."
                        : $"It cites sources {string.Join(" and ", missing)}, which do not exist.";
                }

                return sentence.EvidenceSource is { } right && sources.Contains(right)
                    ? $"True, but [{right}] is the source that says it, not {(cited.Length > 0 ? cited : "the one cited")}."
                    : $"True, but not according to {(cited.Length > 0 ? cited : "the source cited")}: another passage says it.";
            default:
                var unbacked = Words(sentence);
                var what = unbacked.Length > 0 ? unbacked : "this";
                return cited.Length > 0 ? $"Neither {cited} nor any other source says {what}." : $"No source says {what}.";
        }
    }

    /// <summary>The sentence's marked words as a note names them: “1997”, “Quenn” and 2 more; empty when it has none.</summary>
    private static string Words(AnswerSentence sentence)
    {
        var words = sentence.Spans.Where(p => Valid(sentence, p)).Select(p => $"“{Word(sentence, p)}”").Distinct().ToList();
        if (words.Count == 0)
        {
            return string.Empty;
        }

        if (words.Count > MaxWords)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", words.Take(MaxWords))} and {words.Count - MaxWords} more");
        }

        return words.Count == 1 ? words[0] : $"{string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}";
    }

    private static string Word(AnswerSentence sentence, FlagSpan span) => Shorten(Flatten(span.Of(sentence.Text)), MaxWord);

    private static bool Valid(AnswerSentence sentence, FlagSpan span) => span.Start >= 0 && span.Length > 0 && span.End <= sentence.Text.Length;

    private static string Flatten(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    /// <summary>The text cut at a word before <paramref name="max"/> characters, with an ellipsis.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        var builder = new StringBuilder(text[..(cut > max / 2 ? cut : max - 1)].TrimEnd(' ', ',', ';', ':'));
        return builder.Append('…').ToString();
    }
}
