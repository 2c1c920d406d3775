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
    private readonly Dictionary<int, List<string>> _asks = [];

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

    /// <summary>The questions each heading's section answers, by the heading's offset (see <see cref="AddAsks"/>).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Asks => _asks.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value);

    /// <summary>
    /// Records questions the section under the last heading answers (the document's top when there is none yet); they
    /// are indexed with the section's passages, not shown.
    /// </summary>
    public void AddAsks(IEnumerable<string> questions)
    {
        var heading = _blocks.FindLastIndex(b => b.Kind == DocumentBlockKind.Heading);
        var key = heading < 0 ? 0 : _blocks[heading].Start;
        if (!_asks.TryGetValue(key, out var list))
        {
            _asks[key] = list = [];
        }

        list.AddRange(questions.Select(NormalizeInline).Where(q => q.Length > 0 && !list.Contains(q, StringComparer.OrdinalIgnoreCase)));
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
