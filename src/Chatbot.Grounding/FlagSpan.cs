using Chatbot.Knowledge.Text;

namespace Chatbot.Grounding;

/// <summary>
/// Words of a flagged sentence that its sources do not back: a number or name the source gives otherwise, a negation
/// the source lacks, or words no source uses. Offsets are relative to the sentence's own text
/// (<see cref="SentenceGrounding.Text"/>, markers removed), not to the answer: they stay true when citation markers are
/// renumbered or other sentences are dropped from the answer. <see cref="ToAnswer"/> maps them into the answer text.
/// </summary>
/// <param name="Start">Offset of the first character in the sentence's text.</param>
/// <param name="Length">Length in characters; the span starts and ends on a letter or digit.</param>
public sealed record FlagSpan(int Start, int Length)
{
    /// <summary>What the source says instead ("1998" for a claimed "1997"), when a contradiction pairs the words; else null.</summary>
    public string? Instead { get; init; }

    /// <summary>Offset just past the span's last character in the sentence's text.</summary>
    public int End => Start + Length;

    /// <summary>The span's words, read from <paramref name="sentenceText"/>.</summary>
    public string Of(string sentenceText)
    {
        ArgumentNullException.ThrowIfNull(sentenceText);
        return sentenceText.Substring(Start, Length);
    }

    /// <summary>
    /// The span's offset and length in the answer text, where the sentence occupies [<paramref name="sentenceStart"/>,
    /// <paramref name="sentenceStart"/> + <paramref name="sentenceLength"/>) with its markers and original whitespace.
    /// The sentence's text differs from that range only by removed [n] markers and collapsed whitespace, so the letters
    /// and digits of both are the same sequence: the span is found by counting them. Null when the range does not hold
    /// the sentence (the answer was edited).
    /// </summary>
    public (int Start, int Length)? ToAnswer(string answerText, int sentenceStart, int sentenceLength, string sentenceText)
    {
        ArgumentNullException.ThrowIfNull(answerText);
        ArgumentNullException.ThrowIfNull(sentenceText);
        if (sentenceStart < 0 || sentenceLength <= 0 || sentenceStart + sentenceLength > answerText.Length || End > sentenceText.Length || Length <= 0)
        {
            return null;
        }

        // Walk the sentence text and the answer range together over non-space characters, skipping markers in the answer.
        int? start = null;
        var j = sentenceStart;
        var end = sentenceStart + sentenceLength;
        for (var i = 0; i < End; i++)
        {
            if (char.IsWhiteSpace(sentenceText[i]))
            {
                continue;
            }

            while (j < end)
            {
                if (answerText[j] == '[' && CitationMarkers.TryReadMarker(answerText, j, out var markerEnd, out _) && markerEnd <= end)
                {
                    j = markerEnd;
                    continue;
                }

                if (char.IsWhiteSpace(answerText[j]))
                {
                    j++;
                    continue;
                }

                break;
            }

            if (j >= end || answerText[j] != sentenceText[i])
            {
                return null;
            }

            if (i == Start)
            {
                start = j;
            }

            j++;
        }

        return start is { } s ? (s, j - s) : null;
    }
}
