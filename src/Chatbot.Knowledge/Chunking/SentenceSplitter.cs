namespace Chatbot.Knowledge.Chunking;

/// <summary>
/// Splits running text into sentences by offsets. A sentence ends at '.', '!' or '?' followed by
/// white space and a character that does not continue the sentence, or at a line break (list items
/// and table rows are their own sentences). Common abbreviations and initials do not end a sentence.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> _abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "cf", "al", "fig", "figs", "eq", "eqs", "no", "nos", "approx", "dr", "mr", "mrs",
        "ms", "prof", "sec", "ch", "vol", "pp", "p", "jr", "sr", "inc", "ltd", "co", "st", "resp", "incl", "ca",
    };

    /// <summary>Appends the sentences of <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) to <paramref name="sentences"/>.</summary>
    public static void Split(string text, int start, int end, List<TextSpan> sentences)
    {
        var sentenceStart = -1;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (sentenceStart < 0)
            {
                if (!char.IsWhiteSpace(c))
                {
                    sentenceStart = i;
                }
                else
                {
                    continue;
                }
            }

            if (c == '\n')
            {
                Add(text, sentenceStart, i, sentences);
                sentenceStart = -1;
                continue;
            }

            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            // Take closing quotes and brackets (and repeated punctuation) into the sentence.
            var close = i + 1;
            while (close < end && text[close] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '\u201D' or '\u2019')
            {
                close++;
            }

            if (close < end && !char.IsWhiteSpace(text[close]))
            {
                continue; // 3.5, example.com, "a.b"
            }

            var next = close;
            while (next < end && text[next] is ' ' or '\t')
            {
                next++;
            }

            var endsHere = next >= end || text[next] == '\n' || !char.IsLower(text[next]);
            if (endsHere && c == '.' && IsAbbreviation(text, sentenceStart, i))
            {
                endsHere = false;
            }

            if (endsHere)
            {
                Add(text, sentenceStart, close, sentences);
                sentenceStart = -1;
                i = close - 1;
            }
        }

        if (sentenceStart >= 0)
        {
            Add(text, sentenceStart, end, sentences);
        }
    }

    /// <summary>Counts white-space separated words in a span.</summary>
    public static int CountWords(string text, int start, int end)
    {
        var count = 0;
        var inWord = false;
        for (var i = start; i < end; i++)
        {
            var isSpace = char.IsWhiteSpace(text[i]);
            if (!isSpace && !inWord)
            {
                count++;
            }

            inWord = !isSpace;
        }

        return count;
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // An initial: "J. Smith".
        }

        return word.Length > 0 && _abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static void Add(string text, int start, int end, List<TextSpan> sentences)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new TextSpan(start, end));
        }
    }
}
