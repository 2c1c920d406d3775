using System.Text.Json.Serialization;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>
/// Character-level scores of marked text against labelled hallucinated text: a character counts as found when it is
/// both marked and labelled, summed over every answer scored.
/// </summary>
/// <param name="Marked">Characters marked.</param>
/// <param name="Labelled">Characters labelled hallucinated.</param>
/// <param name="Precision">Share of marked characters that are labelled.</param>
/// <param name="Recall">Share of labelled characters that are marked.</param>
/// <param name="F1">Their harmonic mean.</param>
public sealed record RagTruthSpanScore(
    [property: JsonPropertyName("marked_chars")] int Marked,
    [property: JsonPropertyName("labelled_chars")] int Labelled,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1)
{
    /// <summary>The scores of character counts (true negatives unused), rounded to four places.</summary>
    public static RagTruthSpanScore From(BinaryCounts counts) => new(
        counts.TruePositives + counts.FalsePositives,
        counts.TruePositives + counts.FalseNegatives,
        Math.Round(counts.Precision, 4),
        Math.Round(counts.Recall, 4),
        Math.Round(counts.F1, 4));

    /// <summary>
    /// The character counts of <paramref name="marked"/> against <paramref name="labelled"/> within [<paramref name="from"/>,
    /// <paramref name="to"/>): each range list may overlap itself; a character is counted once.
    /// </summary>
    public static BinaryCounts Count(IEnumerable<(int Start, int End)> marked, IEnumerable<(int Start, int End)> labelled, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(marked);
        ArgumentNullException.ThrowIfNull(labelled);
        if (to <= from)
        {
            return default;
        }

        var m = new bool[to - from];
        var l = new bool[to - from];
        Fill(m, marked, from, to);
        Fill(l, labelled, from, to);
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < m.Length; i++)
        {
            tp += m[i] && l[i] ? 1 : 0;
            fp += m[i] && !l[i] ? 1 : 0;
            fn += !m[i] && l[i] ? 1 : 0;
        }

        return new BinaryCounts(tp, fp, fn, 0);
    }

    private static void Fill(bool[] chars, IEnumerable<(int Start, int End)> ranges, int from, int to)
    {
        foreach (var (start, end) in ranges)
        {
            for (var i = Math.Max(start, from); i < Math.Min(end, to); i++)
            {
                chars[i - from] = true;
            }
        }
    }

    /// <summary>"P 0.412 R 0.201 F1 0.270".</summary>
    public string ToShortString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"P {Precision:F3} R {Recall:F3} F1 {F1:F3}");
}
