using System.Text;
using System.Text.RegularExpressions;

namespace Chatbot.Knowledge.Documents;

/// <summary>
/// Finds curated questions and answers in Markdown: a file whose every <c>##</c> heading is a question is a FAQ, each
/// heading with the text under it one entry; an article may end its prose with a <c>## Questions</c> section whose
/// <c>###</c> headings are questions with their answers. Headings that ask the same with the same answer are one entry.
/// </summary>
public static partial class FaqMarkdown
{
    /// <summary>The entries in <paramref name="body"/> (Markdown without front matter), and the body without them.</summary>
    public static (List<FaqEntry> Entries, string Body) Extract(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var level2 = lines.Select((line, i) => (Line: line, Index: i)).Where(l => Heading(l.Line, 2) is not null).ToList();
        if (level2.Count > 0 && level2.All(l => Heading(l.Line, 2)!.EndsWith('?')))
        {
            // A FAQ file: everything from the first question on is entries; what comes before stays the body (title, intro).
            return (Entries(lines, level2[0].Index, lines.Length, 2), string.Join('\n', lines[..level2[0].Index]));
        }

        var section = level2.FindIndex(l => QuestionsSection().IsMatch(Heading(l.Line, 2)!));
        if (section < 0)
        {
            return ([], body);
        }

        var from = level2[section].Index;
        var to = section + 1 < level2.Count ? level2[section + 1].Index : lines.Length;
        var entries = Entries(lines, from + 1, to, 3);
        var rest = lines[..from].Concat(lines[to..]);
        return (entries, string.Join('\n', rest));
    }

    private static List<FaqEntry> Entries(string[] lines, int from, int to, int level)
    {
        var entries = new List<FaqEntry>();
        string? question = null;
        var answer = new StringBuilder();
        void Flush()
        {
            var text = PlainTextBuilder.NormalizeInline(MarkdownTextExtractor.CleanInline(answer.ToString()));
            if (question is not null && text.Length > 0)
            {
                var same = entries.FindIndex(e => e.Answer == text);
                if (same >= 0)
                {
                    entries[same] = entries[same] with { Questions = [.. entries[same].Questions, question] };
                }
                else
                {
                    entries.Add(new FaqEntry([question], text));
                }
            }

            answer.Clear();
        }

        for (var i = from; i < to; i++)
        {
            if (Heading(lines[i], level) is { } heading)
            {
                Flush();
                question = heading;
            }
            else if (question is not null)
            {
                answer.Append(lines[i]).Append('\n');
            }
        }

        Flush();
        return entries;
    }

    private static string? Heading(string line, int level)
    {
        var match = AtxHeading().Match(line);
        return match.Success && match.Groups["hashes"].Length == level ? match.Groups["text"].Value.Trim() : null;
    }

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^(?:questions|frequently asked questions|faq)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionsSection();
}
