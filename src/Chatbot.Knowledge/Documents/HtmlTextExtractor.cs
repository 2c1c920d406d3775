using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Chatbot.Knowledge.Documents;

/// <summary>
/// Reads an HTML page with AngleSharp: the title, headings and the text of block elements;
/// scripts, styles, navigation and other non-content elements are dropped.
/// </summary>
internal static class HtmlTextExtractor
{
    private static readonly HashSet<string> _skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "nav", "noscript", "template", "svg", "iframe", "head", "button", "form",
    };

    private static readonly HashSet<string> _textBlocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "pre", "blockquote", "dt", "dd", "figcaption", "caption", "tr", "summary", "address",
    };

    /// <returns>The page title (from &lt;title&gt; or the first &lt;h1&gt;), or null.</returns>
    public static string? Extract(string html, PlainTextBuilder builder)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);

        var body = (IElement?)document.Body ?? document.DocumentElement;
        var pending = new List<string>();
        Walk(body, builder, pending);
        FlushLoose(builder, pending);

        var title = PlainTextBuilder.NormalizeInline(document.Title ?? string.Empty);
        return title.Length > 0 ? title : builder.FirstHeading;
    }

    private static void Walk(INode node, PlainTextBuilder builder, List<string> loose)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                if (!string.IsNullOrWhiteSpace(text.Data))
                {
                    loose.Add(text.Data);
                }

                continue;
            }

            if (child is not IElement element || _skipped.Contains(element.LocalName))
            {
                continue;
            }

            var name = element.LocalName;
            if (name.Length == 2 && name[0] is 'h' or 'H' && name[1] is >= '1' and <= '6')
            {
                FlushLoose(builder, loose);
                builder.AddHeading(name[1] - '0', element.TextContent);
            }
            else if (_textBlocks.Contains(name))
            {
                FlushLoose(builder, loose);
                builder.AddParagraph(name is "pre" ? element.TextContent : BlockText(element));
            }
            else if (name is "br")
            {
                loose.Add("\n");
            }
            else if (IsInline(name))
            {
                loose.Add(element.TextContent);
            }
            else
            {
                // A container (div, section, table, ul...): its loose text is a paragraph of its own.
                FlushLoose(builder, loose);
                Walk(element, builder, loose);
                FlushLoose(builder, loose);
            }
        }
    }

    private static string BlockText(IElement element)
    {
        // A table row under a header row reads "Header: cell; Header: cell" (as in Markdown), so that its numbers say
        // what they are; the header row itself is then left out. Other rows read "cell | cell"; other blocks as their
        // text without skipped descendants.
        if (element.LocalName is "tr")
        {
            var cells = element.Children.Select(cell => PlainTextBuilder.NormalizeInline(cell.TextContent)).ToArray();
            if (IsHeaderRow(element))
            {
                return string.Empty;
            }

            var header = element.Closest("table")?.QuerySelectorAll("tr").FirstOrDefault(IsHeaderRow);
            var names = header?.Children.Select(cell => PlainTextBuilder.NormalizeInline(cell.TextContent)).ToArray();
            return names is not null && names.Length == cells.Length
                ? string.Join("; ", cells.Select((cell, c) => (Name: names[c], Cell: cell)).Where(p => p.Cell.Length > 0).Select(p => p.Name.Length > 0 ? $"{p.Name}: {p.Cell}" : p.Cell))
                : string.Join(" | ", cells);
        }

        var parts = new List<string>();
        Collect(element, parts);
        return PlainTextBuilder.NormalizeInline(string.Concat(parts));
    }

    /// <summary>A row of header cells only, in a table's head or at its top.</summary>
    private static bool IsHeaderRow(IElement row) =>
        row.Children.Length > 0 && row.Children.All(cell => cell.LocalName is "th") && row.Closest("table") is not null;

    private static void Collect(INode node, List<string> parts)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                parts.Add(text.Data);
            }
            else if (child is IElement element && !_skipped.Contains(element.LocalName))
            {
                if (!IsInline(element.LocalName))
                {
                    parts.Add(" ");
                }

                Collect(element, parts);
            }
        }
    }

    private static void FlushLoose(PlainTextBuilder builder, List<string> loose)
    {
        if (loose.Count > 0)
        {
            builder.AddParagraph(string.Concat(loose));
            loose.Clear();
        }
    }

    private static bool IsInline(string name) => name is "a" or "abbr" or "b" or "bdi" or "bdo" or "cite" or "code"
        or "data" or "dfn" or "em" or "i" or "kbd" or "mark" or "q" or "s" or "samp" or "small" or "span"
        or "strong" or "sub" or "sup" or "time" or "u" or "var" or "wbr" or "img" or "label";
}
