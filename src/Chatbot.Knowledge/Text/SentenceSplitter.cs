using System.Text;

namespace Chatbot.Knowledge.Text;

/// <summary>
/// Splits answers and passages into sentences: understands abbreviations ("e.g.", "U.S.", "Dr."),
/// decimals ("3.5"), initials, list items ("1. ", "* ") and citation markers written after the
/// period ("text.[1]") or before it ("text [1].").
/// </summary>
public sealed class SentenceSplitter
{
    // Lower-cased, without the final period. "etc" is absent on purpose: it usually ends a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "e.g", "i.e", "cf", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co",
        "corp", "no", "nos", "fig", "figs", "approx", "al", "ca", "v", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "mt", "gen", "gov", "sen", "rep", "est", "vol", "pp",
        "ed", "eds", "dept", "univ", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "ph.d", "b.sc", "m.sc",
    };

    /// <summary>A shared instance; the splitter holds no state.</summary>
    public static SentenceSplitter Default { get; } = new();

    /// <summary>
    /// Splits <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) into sentences whose offsets
    /// are in the whole <paramref name="text"/>: how the chunker splits a document's paragraphs.
    /// </summary>
    public IReadOnlyList<TextSentence> Split(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, text.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        var sentences = Split(text[start..end]);
        return start == 0 ? sentences : sentences.Select(s => s with { Start = s.Start + start }).ToArray();
    }

    /// <summary>The sentence's text as <see cref="Split(string)"/> gives it, from its span: what a stored span is read back as.</summary>
    public static string TextOf(string text, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = text.AsSpan(start, length);

        // Most stored sentences have no marker to strip and no white space to collapse: read them as they are.
        if (!raw.Contains('[') && !HasWhiteSpaceToCollapse(raw))
        {
            return raw.ToString();
        }

        return Collapse(CitationMarkers.Strip(raw.ToString(), []));
    }

    private static bool HasWhiteSpaceToCollapse(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || i == 0 || i == text.Length - 1 || text[i + 1] == ' ' || IsClosingPunctuation(text[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsClosingPunctuation(char c) => c is '.' or ',' or ';' or ':' or '!' or '?';

    /// <summary>Splits <paramref name="text"/> into sentences, in order; blank text gives none.</summary>
    public IReadOnlyList<TextSentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<TextSentence>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                // A line break ends a sentence: LLM answers put list items and headings on lines of their own.
                Add(text, start, i, sentences);
                start = i + 1;
                i++;
                continue;
            }

            if (c is '.' or '!' or '?' && IsBoundary(text, start, i, out var end))
            {
                Add(text, start, end, sentences);
                start = end;
                i = end;
                continue;
            }

            i++;
        }

        Add(text, start, text.Length, sentences);
        return sentences;
    }

    private static bool IsBoundary(string text, int sentenceStart, int index, out int end)
    {
        end = index + 1;
        var c = text[index];

        // Runs of terminators ("?!", "...") end together.
        while (end < text.Length && text[end] is '.' or '!' or '?')
        {
            end++;
        }

        if (c == '.' && end == index + 1 && !IsPeriodBoundary(text, sentenceStart, index))
        {
            return false;
        }

        // Closing quotes and brackets belong to the sentence they close.
        while (end < text.Length && text[end] is '"' or '\'' or ')' or '’' or '”' or '»')
        {
            end++;
        }

        // Citation markers after the terminator ("text.[1]", "text. [1][2]") belong to this sentence.
        var afterMarkers = SkipMarkers(text, end);
        var hadMarkers = afterMarkers > end;
        end = afterMarkers;

        if (end >= text.Length || char.IsWhiteSpace(text[end]) || hadMarkers)
        {
            return true;
        }

        // Only a period that IsPeriodBoundary accepted may be glued to the next word ("end.Next").
        return c == '.' && end == index + 1;
    }

    private static int SkipMarkers(string text, int position)
    {
        var p = position;
        while (true)
        {
            var q = p;
            while (q < text.Length && text[q] == ' ')
            {
                q++;
            }

            if (q < text.Length && text[q] == '[' && CitationMarkers.TryReadMarker(text, q, out var markerEnd, out _))
            {
                p = markerEnd;
                continue;
            }

            return p;
        }
    }

    private static bool IsPeriodBoundary(string text, int sentenceStart, int index)
    {
        var next = index + 1 < text.Length ? text[index + 1] : '\0';
        if (char.IsDigit(next) || char.IsLetter(next))
        {
            return (char.IsUpper(next) && index > 0 && char.IsLower(text[index - 1]) && WordBefore(text, index).Length > 2);
        }

        var word = WordBefore(text, index);
        if (word.Length == 0)
        {
            return true;
        }

        var lower = word.ToLowerInvariant();
        if (Abbreviations.Contains(lower))
        {
            // "... in the U.S. The next ..." is ambiguous; an abbreviation at the very end still ends the text.
            return NextNonSpace(text, index + 1) < 0;
        }

        // Initials ("J. K. Rowling") and dotted acronyms ("U.S.A.").
        if ((word.Length == 1 && char.IsUpper(word[0])) || (word.Contains('.') && word.Replace(".", string.Empty).All(char.IsLetter)))
        {
            var n = NextNonSpace(text, index + 1);
            return n < 0 || (n < text.Length && text[n] == '\n');
        }

        // A list number at the start of a line ("1. Serve hot") is not a sentence.
        if (word.All(char.IsDigit) && IsLineStart(text, sentenceStart, index - word.Length))
        {
            return false;
        }

        return true;
    }

    private static string WordBefore(string text, int index)
    {
        var s = index;
        while (s > 0 && (char.IsLetterOrDigit(text[s - 1]) || (text[s - 1] == '.' && s - 1 > 0 && char.IsLetter(text[s - 2]))))
        {
            s--;
        }

        return text[s..index];
    }

    private static bool IsLineStart(string text, int sentenceStart, int wordStart)
    {
        for (var k = wordStart - 1; k >= sentenceStart && k >= 0; k--)
        {
            if (text[k] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static int NextNonSpace(string text, int from)
    {
        for (var k = from; k < text.Length; k++)
        {
            if (text[k] == '\n')
            {
                return k;
            }

            if (!char.IsWhiteSpace(text[k]))
            {
                return k;
            }
        }

        return -1;
    }

    private static void Add(string text, int start, int end, List<TextSentence> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end <= start)
        {
            return;
        }

        var raw = text[start..end];
        var citations = new List<int>();
        var clean = CitationMarkers.Strip(raw, citations);
        if (!clean.Any(char.IsLetterOrDigit))
        {
            // A stray marker or punctuation belongs to the sentence before it.
            if (sentences.Count > 0)
            {
                var last = sentences[^1];
                var merged = last.Citations.Concat(citations).Distinct().ToArray();
                sentences[^1] = last with { Length = end - last.Start, Citations = merged };
            }

            return;
        }

        sentences.Add(new TextSentence(Collapse(clean), start, end - start, citations.Distinct().ToArray()));
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                // No space before closing punctuation left behind by a removed marker ("text [1]." → "text.").
                if (ch is not ('.' or ',' or ';' or ':' or '!' or '?'))
                {
                    builder.Append(' ');
                }

                space = false;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }
}
