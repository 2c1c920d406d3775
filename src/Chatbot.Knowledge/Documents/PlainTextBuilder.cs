using System.Text;

namespace Chatbot.Knowledge.Documents;

/// <summary>
/// Accumulates headings and paragraphs into one plain text with block offsets; every reader
/// (Markdown, HTML, PDF, text) produces its output through this so offsets mean the same everywhere.
/// </summary>
internal sealed class PlainTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<DocumentBlock> _blocks = [];

    public IReadOnlyList<DocumentBlock> Blocks => _blocks;

    public string? FirstHeading { get; private set; }

    public void AddHeading(int level, string text)
    {
        var clean = NormalizeInline(text);
        if (clean.Length == 0)
        {
            return;
        }

        FirstHeading ??= clean;
        Append(DocumentBlockKind.Heading, Math.Clamp(level, 1, 6), clean);
    }

    /// <summary>Adds running text; line breaks are kept (they separate list items and table rows).</summary>
    public void AddParagraph(string text)
    {
        var clean = NormalizeParagraph(text);
        if (clean.Length > 0)
        {
            Append(DocumentBlockKind.Paragraph, 0, clean);
        }
    }

    public string BuildText() => _text.ToString();

    private void Append(DocumentBlockKind kind, int level, string text)
    {
        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        _blocks.Add(new DocumentBlock(kind, level, _text.Length, text.Length));
        _text.Append(text);
    }

    /// <summary>Collapses all whitespace (including line breaks) to single spaces.</summary>
    public static string NormalizeInline(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string NormalizeParagraph(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var sb = new StringBuilder(text.Length);
        foreach (var line in lines)
        {
            var clean = NormalizeInline(line);
            if (clean.Length == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(clean);
        }

        return sb.ToString();
    }
}
