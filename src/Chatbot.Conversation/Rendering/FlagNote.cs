using System.Globalization;
using System.Text;
using Chatbot.AI.Answers;
using Chatbot.Grounding;

namespace Chatbot.Conversation.Rendering;

/// <summary>
/// What a reader can act on for one flagged sentence: its kind and the evidence that goes with it. A wrong citation
/// names the source that does support the sentence; a contradiction quotes what the source says; an unsupported
/// sentence says that no source covers it. Every channel shows these; only the layout differs.
/// </summary>
/// <param name="Kind">The grounding verdict (never <see cref="GroundingVerdict.Supported"/>).</param>
/// <param name="Sentence">The flagged sentence, shortened for a one-line note.</param>
/// <param name="Explanation">What the check found, in words a reader understands, with [n] source markers.</param>
public sealed record FlagNote(GroundingVerdict Kind, string Sentence, string Explanation)
{
    /// <summary>The most characters of a quoted sentence or passage in a note.</summary>
    public const int MaxQuote = 160;

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
                return evidence is null ? $"{where} says otherwise." : $"{where} says otherwise: “{evidence}”";
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
                return cited.Length > 0 ? $"Neither {cited} nor any other source says this." : "No source says this.";
        }
    }

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
