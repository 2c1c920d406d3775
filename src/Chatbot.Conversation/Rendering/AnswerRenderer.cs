using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Chatbot.AI.Answers;
using Chatbot.Grounding;

namespace Chatbot.Conversation.Rendering;

/// <summary>
/// Renders an <see cref="Answer"/> as Markdown: the sentences with their [n] citations (once at the end of a run of
/// sentences from the same source), a ⚠ before each sentence the cited sources do not support, a summary that counts
/// each kind of flag, a note per flag with its evidence (<see cref="FlagNote"/>), and the sources as a numbered list
/// of links (left out where the channel shows native citations). Nothing is dropped: a flagged sentence is shown, marked.
/// </summary>
public static partial class AnswerRenderer
{
    /// <summary>The footnote under an answer with flagged sentences.</summary>
    public const string FlagFootnote = "⚠ = not supported by the cited sources: treat it as a likely hallucination.";

    /// <summary>The answer as Markdown.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="sourceList">Whether to append the numbered source list (false where the channel shows the citations natively).</param>
    public static string RenderMarkdown(Answer answer, bool sourceList = true)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var known = answer.Citations.Select(c => c.Number).ToHashSet();
        var text = new StringBuilder();
        if (answer.Notice is { Length: > 0 } notice)
        {
            text.Append("_").Append(notice).Append("_\n\n");
        }

        if (answer.CuratedQuestion is { Length: > 0 } curated)
        {
            // A curated answer says which question it answers, so a reader sees at once when it is not theirs.
            text.Append("**").Append(curated.Trim()).Append("**\n\n");
        }

        var separators = Separators(answer);
        for (var i = 0; i < answer.Sentences.Count; i++)
        {
            var sentence = answer.Sentences[i];
            text.Append(separators[i]);
            var body = sentence.Text.Trim();
            if (sentence.Verdict != GroundingVerdict.Supported)
            {
                body = MarkSpans(sentence);

                // After a list marker, so a flagged item stays a list item.
                var marker = ListMarker().Match(body).Length;
                body = body[..marker] + "⚠ " + body[marker..];
            }

            text.Append(body);

            // A paragraph quoted from one source reads better with its citation once, at its end: a sentence's markers
            // are left to the next when that one is in the same paragraph, cites the same and both are supported.
            var next = i + 1 < answer.Sentences.Count ? answer.Sentences[i + 1] : null;
            if (next is not null && !separators[i + 1].Contains('\n', StringComparison.Ordinal) && sentence.Verdict == GroundingVerdict.Supported
                && next.Verdict == GroundingVerdict.Supported && sentence.Citations.Count > 0 && sentence.Citations.SequenceEqual(next.Citations))
            {
                continue;
            }

            foreach (var n in sentence.Citations)
            {
                // A number that names no source is shown as such, never as a real citation.
                text.Append(known.Contains(n) ? $" [{n}]" : $" [{n}?]");
            }
        }

        if (answer.Flagged)
        {
            text.Append("\n\n**").Append(FlagNote.Summary(answer)).Append("** ").Append(FlagFootnote);
            foreach (var note in FlagNote.Of(answer))
            {
                text.Append("\n\n⚠ _“").Append(note.Sentence).Append("”_ — ").Append(note.Explanation);
            }
        }

        var sources = CitedSources(answer);
        if (sourceList && sources.Count > 0)
        {
            text.Append("\n\n**Sources**");
            foreach (var source in sources)
            {
                AppendSource(text, source);
            }
        }

        return text.ToString();
    }

    /// <summary>The sources of an answer with the passage each supported sentence relies on, for "show sources".</summary>
    public static string RenderSources(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Citations.Count == 0)
        {
            return "My last answer didn't use any sources.";
        }

        // The sources the answer cites; all that were offered when it cites none (e.g. "not covered").
        var shown = CitedSources(answer);
        var text = new StringBuilder(shown.Count > 0 ? "**Sources of my last answer**" : "**What I searched for my last answer** (it cites none of these)");
        foreach (var source in shown.Count > 0 ? shown : answer.Citations)
        {
            AppendSource(text, source);
            var evidence = answer.Sentences
                .Where(s => s.Verdict == GroundingVerdict.Supported && s.EvidenceSource == source.Number && !string.IsNullOrWhiteSpace(s.Evidence))
                .Select(s => s.Evidence!.Trim())
                .Distinct()
                .ToList();
            foreach (var quote in evidence.Count > 0 ? evidence : [Shorten(source.Quote)])
            {
                text.Append("\n\n> ").Append(quote.Replace("\n", " ", StringComparison.Ordinal));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The flagged sentence's text with the words its sources do not back in bold (<see cref="AnswerSentence.Spans"/>):
    /// bold is the one emphasis Teams text messages show on every client, and Web Chat and the Emulator render it too.
    /// A span that touches Markdown of the sentence's own (emphasis, code, a link) is left unmarked rather than risk
    /// breaking it; the note under the answer still names its words.
    /// </summary>
    internal static string MarkSpans(AnswerSentence sentence)
    {
        var text = sentence.Text;
        var marked = new StringBuilder(text);
        var next = int.MaxValue;
        foreach (var span in sentence.Spans.Where(s => Markable(text, s)).OrderByDescending(s => s.Start))
        {
            // Spans do not overlap; should two, the later one is kept whole.
            if (span.End > next)
            {
                continue;
            }

            marked.Insert(span.End, "**").Insert(span.Start, "**");
            next = span.Start;
        }

        return marked.ToString().Trim();
    }

    private static bool Markable(string text, FlagSpan span)
    {
        if (span.Start < 0 || span.Length <= 0 || span.End > text.Length)
        {
            return false;
        }

        static bool Special(char c) => c is '*' or '_' or '`' or '[' or ']' or '~' or '<' or '>' or '\\';
        var before = span.Start > 0 ? text[span.Start - 1] : ' ';
        var after = span.End < text.Length ? text[span.End] : ' ';
        return !Special(before) && !Special(after) && !text.AsSpan(span.Start, span.Length).ContainsAny("*_`[]~<>\\")
            && text.AsSpan(0, span.Start).Count('`') % 2 == 0 && !text.Contains("](", StringComparison.Ordinal);
    }

    /// <summary>
    /// What goes before each sentence: the line breaks the answer had there (comparison sections, list items),
    /// else a space. Read from the offsets the grounding check kept for each sentence; the text is not split again.
    /// A sentence without offsets (an answer built another way) is joined with a space.
    /// </summary>
    private static string[] Separators(Answer answer)
    {
        var separators = answer.Sentences.Select((_, i) => i == 0 ? string.Empty : " ").ToArray();
        for (var i = 1; i < answer.Sentences.Count; i++)
        {
            var previous = answer.Sentences[i - 1];
            var current = answer.Sentences[i];
            var gapStart = previous.Start + previous.Length;
            if (previous.Length == 0 || current.Length == 0 || gapStart > current.Start || current.Start > answer.Text.Length)
            {
                continue;
            }

            var breaks = answer.Text.AsSpan(gapStart, current.Start - gapStart).Count('\n');
            if (breaks > 0)
            {
                separators[i] = breaks > 1 ? "\n\n" : "\n";
            }
        }

        return separators;
    }

    /// <summary>The sources that at least one sentence cites, in source order.</summary>
    public static List<Citation> CitedSources(Answer answer)
    {
        var cited = answer.Sentences.SelectMany(s => s.Citations).ToHashSet();
        return answer.Citations.Where(c => cited.Contains(c.Number)).ToList();
    }

    /// <summary>"[n] title", the title a link when the source has a web address.</summary>
    private static void AppendSource(StringBuilder text, Citation source)
    {
        text.Append("\n\n").Append(CultureInfo.InvariantCulture, $"[{source.Number}] ");
        text.Append(IsLink(source.Url) ? $"[{source.Title}]({source.Url})" : source.Title);
    }

    /// <summary>Whether <paramref name="url"/> is a web address (http or https), which a client can open.</summary>
    internal static bool IsLink(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300].TrimEnd() + "…";

    [GeneratedRegex(@"^(?:[-*+]|\d{1,3}[.)])\s+")]
    private static partial Regex ListMarker();
}
