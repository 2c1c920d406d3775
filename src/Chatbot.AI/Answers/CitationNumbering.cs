using System.Text;
using Chatbot.Knowledge.Text;

namespace Chatbot.AI.Answers;

/// <summary>
/// Numbers an answer's citations the way a reader follows them: one number per document, whichever of its
/// passages were used, counted from [1] in the order the answer first cites them. The responder and the
/// checker work with one number per retrieved passage; this runs once the answer is checked, so that every
/// channel shows "[1]" first and never "[6]" alone.
/// </summary>
public static class CitationNumbering
{
    /// <summary>A passage the answer was given, as numbered for the model: the document it belongs to, and how to cite it.</summary>
    /// <param name="Number">The passage's number in the prompt, from 1.</param>
    /// <param name="DocumentId">The document it comes from; passages of one document share a citation.</param>
    /// <param name="Title">The document's title.</param>
    /// <param name="Url">The document's primary public source (or its file path).</param>
    /// <param name="Text">The passage.</param>
    /// <param name="ChunkId">The index chunk behind the passage, when it came from the index.</param>
    public sealed record Passage(int Number, string DocumentId, string Title, string Url, string Text, string? ChunkId = null);

    /// <summary>
    /// <paramref name="answer"/> with its markers, sentence citations and evidence renumbered per document in order of
    /// first citation, and its <see cref="Answer.Citations"/> one per document: those cited first, then those offered
    /// but not cited. A number that names no passage is left as written, so it is still shown as unknown.
    /// </summary>
    public static Answer Renumber(Answer answer, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(passages);
        var byNumber = passages.ToDictionary(p => p.Number);
        var documentNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        int? NumberOf(int passage)
        {
            if (!byNumber.TryGetValue(passage, out var p))
            {
                return null;
            }

            if (!documentNumbers.TryGetValue(p.DocumentId, out var number))
            {
                number = documentNumbers.Count + 1;
                documentNumbers[p.DocumentId] = number;
            }

            return number;
        }

        // The order of first citation is the order of the sentences; a passage no sentence cites is numbered after them.
        var citedPassages = new HashSet<int>();
        foreach (var n in answer.Sentences.SelectMany(s => s.Citations))
        {
            _ = NumberOf(n);
            citedPassages.Add(n);
        }

        foreach (var passage in passages)
        {
            _ = NumberOf(passage.Number);
        }

        int Map(int n) => byNumber.ContainsKey(n) ? NumberOf(n)!.Value : n;

        var (text, offsets) = RewriteMarkers(answer.Text, Map);
        var sentences = answer.Sentences.Select(s =>
        {
            var start = s.Length == 0 ? s.Start : offsets(s.Start);
            return s with
            {
                Citations = s.Citations.Select(Map).Distinct().ToArray(),
                EvidenceSource = s.EvidenceSource is { } e ? Map(e) : null,
                Reason = s.Reason is null ? null : RewriteMarkers(s.Reason, Map).Text,
                Start = start,
                Length = s.Length == 0 ? 0 : offsets(s.Start + s.Length) - start,
            };
        }).ToArray();

        var citations = passages
            .GroupBy(p => p.DocumentId, StringComparer.Ordinal)
            .Select(g => new Citation(documentNumbers[g.Key], g.First().Title, g.First().Url, string.Join("\n\n", g.Select(p => p.Text)))
            {
                ChunkId = g.First().ChunkId,
                CitedPassages = g.Where(p => citedPassages.Contains(p.Number)).Select(p => p.ChunkId ?? p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            })
            .OrderBy(c => c.Number)
            .ToArray();

        // A withheld sentence's reason names passages as the check numbered them; the report shows the reader's numbers.
        var withheld = answer.Withheld.Select(w => w.Reason is null ? w : w with { Reason = RewriteMarkers(w.Reason, Map).Text }).ToArray();
        return answer with { Text = text, Sentences = sentences, Citations = citations, Withheld = withheld };
    }

    /// <summary>
    /// <paramref name="text"/> with every marker's numbers mapped, a marker that repeats a number it already holds written
    /// once ("[2][5]" of one document becomes "[1]"), and a function from an offset in the old text to the new one.
    /// </summary>
    private static (string Text, Func<int, int> Offsets) RewriteMarkers(string text, Func<int, int> map)
    {
        var builder = new StringBuilder(text.Length);
        var shifts = new List<(int OldEnd, int Delta)>();
        var lastNumbers = new HashSet<int>();
        var lastMarkerEnd = -1;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '[' && CitationMarkers.TryReadMarker(text, i, out var end, out var numbers))
            {
                // Markers with nothing but spaces between them ("[2][5]", "[2] [5]") read as one citation: a number
                // the one before already gives is dropped, and a marker left empty goes with the spaces before it.
                var adjacent = lastMarkerEnd >= 0 && string.IsNullOrWhiteSpace(text[lastMarkerEnd..i]);
                if (!adjacent)
                {
                    lastNumbers.Clear();
                }

                var mapped = numbers.Select(map).Distinct().Where(n => !lastNumbers.Contains(n)).ToList();
                lastNumbers.UnionWith(mapped);
                var from = i;
                if (mapped.Count == 0 && adjacent)
                {
                    builder.Length -= i - lastMarkerEnd;
                    from = lastMarkerEnd;
                }

                var replacement = mapped.Count == 0 ? string.Empty : "[" + string.Join(", ", mapped) + "]";
                builder.Append(replacement);
                shifts.Add((end, replacement.Length - (end - from)));
                lastMarkerEnd = end;
                i = end;
                continue;
            }

            builder.Append(text[i]);
            i++;
        }

        int Offset(int old)
        {
            var delta = 0;
            foreach (var (oldEnd, d) in shifts)
            {
                if (oldEnd > old)
                {
                    break;
                }

                delta += d;
            }

            return old + delta;
        }

        return (builder.ToString(), Offset);
    }
}
