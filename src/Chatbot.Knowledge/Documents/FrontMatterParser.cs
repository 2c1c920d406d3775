using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Knowledge.Documents;

/// <summary>
/// Splits a Markdown file into its YAML front matter and body, and reads the fields we use
/// (<c>id</c>, <c>title</c>, <c>sources</c>, <c>topics</c>, <c>last_reviewed</c>).
/// </summary>
/// <remarks>
/// Parses the YAML into its representation model rather than binding to a class so that a
/// scalar where a list is expected (<c>topics: gan</c>) is accepted instead of failing the document.
/// </remarks>
public static class FrontMatterParser
{
    /// <summary>Splits <paramref name="content"/> into front matter (or null when there is none) and body.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="path">The file's path, used in error messages.</param>
    /// <exception cref="DocumentFormatException">The front matter is not closed or is not valid YAML.</exception>
    public static (FrontMatter? FrontMatter, string Body) Split(string content, string path)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(path);

        var text = content.TrimStart('\uFEFF');
        if (!StartsWithDelimiter(text))
        {
            return (null, text);
        }

        // Find the closing delimiter: a line that is exactly "---" or "...".
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var position = firstLineEnd + 1;
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            var line = (lineEnd < 0 ? text[position..] : text[position..lineEnd]).TrimEnd('\r', ' ', '\t');
            if (line is "---" or "...")
            {
                var yaml = text[(firstLineEnd + 1)..position];
                var body = lineEnd < 0 ? string.Empty : text[(lineEnd + 1)..];
                return (Parse(yaml, path), body);
            }

            if (lineEnd < 0)
            {
                break;
            }

            position = lineEnd + 1;
        }

        throw new DocumentFormatException(path, "front matter starts with '---' but has no closing '---' line.");
    }

    /// <summary>Parses the YAML of a front matter block.</summary>
    /// <exception cref="DocumentFormatException">The YAML is invalid or is not a mapping.</exception>
    public static FrontMatter Parse(string yaml, string path)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(path);

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // Line numbers are relative to the YAML; the opening '---' is line 1 of the file.
            throw new DocumentFormatException(
                path, $"invalid YAML front matter at line {ex.Start.Line + 1}: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0)
        {
            return new FrontMatter();
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DocumentFormatException(path, "front matter must be a YAML mapping of 'key: value' lines.");
        }

        string? id = null, title = null;
        IReadOnlyList<string> sources = [], topics = [];
        DateOnly? lastReviewed = null;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key.ToUpperInvariant())
            {
                case "ID":
                    id = Scalar(valueNode, key, path);
                    break;
                case "TITLE":
                    title = Scalar(valueNode, key, path);
                    break;
                case "SOURCES":
                    sources = List(valueNode, key, path);
                    break;
                case "TOPICS":
                    topics = List(valueNode, key, path);
                    break;
                case "LAST_REVIEWED":
                    lastReviewed = Date(Scalar(valueNode, key, path), path);
                    break;
                default:
                    break;
            }
        }

        return new FrontMatter
        {
            Id = string.IsNullOrWhiteSpace(id) ? null : id.Trim(),
            Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
            Sources = sources,
            Topics = topics,
            LastReviewed = lastReviewed,
        };
    }

    private static bool StartsWithDelimiter(string text)
    {
        var lineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        return lineEnd > 0 && text[..lineEnd].TrimEnd('\r', ' ', '\t') == "---";
    }

    private static string? Scalar(YamlNode node, string key, string path) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        _ => throw new DocumentFormatException(path, $"front matter field '{key}' must be a single value."),
    };

    private static string[] List(YamlNode node, string key, string path) => node switch
    {
        YamlScalarNode scalar when string.IsNullOrWhiteSpace(scalar.Value) => [],
        YamlScalarNode scalar => [scalar.Value!.Trim()],
        YamlSequenceNode sequence => sequence.Children
            .Select(child => Scalar(child, key, path))
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .Select(value => value!.Trim())
            .ToArray(),
        _ => throw new DocumentFormatException(path, $"front matter field '{key}' must be a list."),
    };

    private static DateOnly? Date(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateOnly.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DocumentFormatException(path, $"front matter field 'last_reviewed' is not a date: '{value}'.");
    }
}
