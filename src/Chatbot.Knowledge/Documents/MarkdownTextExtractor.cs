using System.Text;
using System.Text.RegularExpressions;

namespace Chatbot.Knowledge.Documents;

/// <summary>
/// Turns a Markdown body into headings and paragraphs of plain text: markup (emphasis, links,
/// images, code fences, tables, HTML comments) is removed, list items and table rows stay on their
/// own lines so that chunking can treat them as sentences. A comment <c>&lt;!-- asks: question | question --&gt;</c>
/// lists questions the section it stands in answers (doc2query): they are kept for indexing, not as text.
/// </summary>
internal static partial class MarkdownTextExtractor
{
    public static void Extract(string markdown, PlainTextBuilder builder)
    {
        // An asks comment becomes a line of its own that the loop hands to the builder; every other comment goes.
        var body = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        body = AsksComment().Replace(body, m => $"\n{AsksMarker}{m.Groups["questions"].Value.Replace('\n', ' ')}\n");
        body = HtmlComment().Replace(body, string.Empty);
        var lines = body.Split('\n');
        var paragraph = new List<string>();
        var lastLineWasText = false;
        string[]? header = null;

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                builder.AddParagraph(string.Join('\n', paragraph));
                paragraph.Clear();
            }

            lastLineWasText = false;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();

            var fence = CodeFence().Match(line);
            if (fence.Success)
            {
                Flush();
                var marker = fence.Groups["fence"].Value;
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal); i++)
                {
                    code.Add(lines[i]);
                }

                builder.AddParagraph(string.Join('\n', code));
                continue;
            }

            if (trimmed.Length == 0)
            {
                Flush();
                continue;
            }

            if (trimmed.StartsWith(AsksMarker, StringComparison.Ordinal))
            {
                Flush();
                builder.AddAsks(trimmed[AsksMarker.Length..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                continue;
            }

            // Blockquotes read as ordinary text.
            while (trimmed.StartsWith('>'))
            {
                trimmed = trimmed[1..].TrimStart();
            }

            var heading = AtxHeading().Match(trimmed);
            if (heading.Success)
            {
                Flush();
                builder.AddHeading(heading.Groups["hashes"].Length, CleanInline(heading.Groups["text"].Value));
                continue;
            }

            // Setext heading: one line of text underlined with === or ---.
            if (lastLineWasText && paragraph.Count == 1 && SetextUnderline().IsMatch(trimmed))
            {
                var text = paragraph[0];
                paragraph.Clear();
                Flush();
                builder.AddHeading(trimmed[0] == '=' ? 1 : 2, text);
                continue;
            }

            if (HorizontalRule().IsMatch(trimmed) || ReferenceDefinition().IsMatch(trimmed))
            {
                Flush();
                continue;
            }

            if (trimmed.StartsWith('|'))
            {
                var cells = trimmed.Trim('|').Split('|').Select(cell => CleanInline(cell.Trim())).ToArray();
                var separatorNext = i + 1 < lines.Length && TableSeparator().IsMatch(lines[i + 1].Trim());
                if (separatorNext)
                {
                    // The header row: each later row reads "Header: cell; Header: cell", so that a row says what its
                    // numbers are ("Cost: €6.95, free from €75") to a reader and to the search alike.
                    header = cells;
                }
                else if (!TableSeparator().IsMatch(trimmed))
                {
                    paragraph.Add(header is { } names && names.Length == cells.Length
                        ? string.Join("; ", cells.Select((cell, c) => (Name: names[c], Cell: cell)).Where(p => p.Cell.Length > 0).Select(p => p.Name.Length > 0 ? $"{p.Name}: {p.Cell}" : p.Cell))
                        : string.Join(" | ", cells.Where(cell => cell.Length > 0)));
                }

                lastLineWasText = false;
                continue;
            }

            header = null;

            var item = ListItem().Match(trimmed);
            if (item.Success)
            {
                paragraph.Add(CleanInline(item.Groups["text"].Value));
                lastLineWasText = true;
                continue;
            }

            // Soft line break: continue the previous line (a paragraph or a list item's continuation).
            var clean = CleanInline(trimmed);
            if (lastLineWasText && paragraph.Count > 0)
            {
                paragraph[^1] = paragraph[^1] + " " + clean;
            }
            else
            {
                paragraph.Add(clean);
            }

            lastLineWasText = true;
        }

        Flush();
    }

    /// <summary>Removes inline markup and keeps the words a reader sees.</summary>
    public static string CleanInline(string text)
    {
        var result = Image().Replace(text, "${alt}");
        result = InlineLink().Replace(result, "${text}");
        result = ReferenceLink().Replace(result, "${text}");
        result = AutoLink().Replace(result, "${url}");
        result = InlineCode().Replace(result, "${code}");
        result = HtmlTag().Replace(result, string.Empty);
        result = Emphasis().Replace(result, "${text}");
        result = Emphasis().Replace(result, "${text}");
        result = Escape().Replace(result, "${char}");

        var sb = new StringBuilder(result.Length);
        foreach (var c in result)
        {
            sb.Append(c == '\t' ? ' ' : c);
        }

        return sb.ToString().Trim();
    }

    /// <summary>Marks a line that holds an asks comment's questions; a control character no Markdown text contains.</summary>
    private const string AsksMarker = "\u0001asks:";

    [GeneratedRegex(@"<!--\s*asks:(?<questions>.*?)-->", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex AsksComment();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})")]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.*?)(\s+#+)?\s*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^(=+|-+)$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^((\*\s*){3,}|(-\s*){3,}|(_\s*){3,})$")]
    private static partial Regex HorizontalRule();

    [GeneratedRegex(@"^\[[^\]]+\]:\s*\S+")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\([^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\[[^\]]*\]")]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"<(?<url>(https?|mailto):[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"`+(?<code>[^`]+)`+")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"(?<![\w*])(\*\*|__|\*|_)(?=\S)(?<text>.+?)(?<=\S)\1(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\\(?<char>[\\`*_{}\[\]()#+\-.!|>])")]
    private static partial Regex Escape();
}
