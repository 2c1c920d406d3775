using System.Text;
using Chatbot.Grounding;
using Chatbot.Knowledge.Text;

namespace Chatbot.AI.Responding;

/// <summary>
/// One pass of <see cref="GroundingPolicy.Repair"/> over a checked answer's text: a sentence that cites the wrong source
/// gets the number of the source that supports it, and every other flagged sentence is cut out with the space before
/// it. The responder checks the result again, so the offsets and verdicts the reader gets are the checker's own.
/// </summary>
internal static class AnswerRepair
{
    /// <summary>The repaired text, the sentences cut from it (in order) and how many sentences' citations were corrected.</summary>
    public sealed record Result(string Text, IReadOnlyList<SentenceGrounding> Withheld, int Corrected);

    /// <summary>
    /// <paramref name="text"/> with <paramref name="sentences"/> (its check, in order, with spans into it) repaired. A
    /// wrong citation whose supporting source is unknown, or that already names that source (a second pass that did
    /// not help), cannot be fixed and is withheld.
    /// </summary>
    public static Result Rewrite(string text, IReadOnlyList<SentenceGrounding> sentences)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sentences);
        var builder = new StringBuilder(text.Length);
        var withheld = new List<SentenceGrounding>();
        var corrected = 0;
        var position = 0;
        string? separator = null;
        foreach (var sentence in sentences.OrderBy(s => s.Start))
        {
            var start = Math.Clamp(sentence.Start, position, text.Length);
            var end = Math.Clamp(sentence.Start + sentence.Length, start, text.Length);

            // What separates two kept sentences is the widest gap between them: a paragraph break survives a cut sentence.
            separator = Wider(separator, text[position..start]);
            position = end;
            var segment = text[start..end];
            if (sentence.Verdict == GroundingVerdict.WrongCitation
                && sentence.EvidenceSource is { } source
                && !sentence.Citations.SequenceEqual([source]))
            {
                segment = Recite(segment, source);
                corrected++;
            }
            else if (sentence.Verdict != GroundingVerdict.Supported)
            {
                withheld.Add(sentence);
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(separator);
            }

            builder.Append(segment);
            separator = null;
        }

        if (builder.Length > 0)
        {
            builder.Append(text.AsSpan(position));
        }

        return new Result(builder.ToString(), withheld, corrected);
    }

    /// <summary><paramref name="sentence"/> with each of its markers naming <paramref name="source"/> alone; one added before its end when it has none.</summary>
    internal static string Recite(string sentence, int source)
    {
        var marker = $"[{source}]";
        var builder = new StringBuilder(sentence.Length);
        var replaced = false;
        for (var i = 0; i < sentence.Length;)
        {
            if (sentence[i] == '[' && CitationMarkers.TryReadMarker(sentence, i, out var end, out _))
            {
                // "[2][3]" both wrong becomes "[4][4]", which renumbering writes once.
                builder.Append(marker);
                replaced = true;
                i = end;
                continue;
            }

            builder.Append(sentence[i]);
            i++;
        }

        if (replaced)
        {
            return builder.ToString();
        }

        var body = sentence.TrimEnd();
        var stop = body.Length;
        while (stop > 0 && body[stop - 1] is '.' or '!' or '?' or '…')
        {
            stop--;
        }

        return body[..stop] + " " + marker + body[stop..] + sentence[body.Length..];
    }

    private static string Wider(string? kept, string gap) =>
        kept is null || Breaks(gap) > Breaks(kept) ? gap : kept;

    private static int Breaks(string gap) => gap.Count(c => c == '\n');
}
