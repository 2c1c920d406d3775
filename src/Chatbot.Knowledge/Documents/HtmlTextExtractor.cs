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
        // Table rows read as "cell | cell"; other blocks as their text without skipped descendants.
        if (element.LocalName is "tr")
        {
            return string.Join(" | ", element.Children.Select(cell => PlainTextBuilder.NormalizeInline(cell.TextContent)));
        }

        var parts = new List<string>();
        Collect(element, parts);
        return PlainTextBuilder.NormalizeInline(string.Concat(parts));
    }

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
