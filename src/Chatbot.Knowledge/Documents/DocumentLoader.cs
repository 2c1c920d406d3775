using System.Security.Cryptography;
using System.Text;

namespace Chatbot.Knowledge.Documents;

/// <summary>
/// Loads a file into a <see cref="KnowledgeDocument"/>: Markdown (with or without YAML front matter),
/// plain text, HTML and PDF, and FAQs: TSV or CSV tables (see <see cref="FaqTable"/>) and Markdown whose headings
/// are questions (see <see cref="FaqMarkdown"/>). Curated (<see cref="KnowledgeCollections.BuiltIn"/>) Markdown must carry
/// front matter with an <c>id</c> and a <c>title</c>.
/// </summary>
public sealed class DocumentLoader
{
    private static readonly string[] _extensions = [".md", ".markdown", ".txt", ".text", ".html", ".htm", ".pdf", ".tsv", ".csv"];

    /// <summary>The file extensions this loader reads.</summary>
    public static IReadOnlyList<string> SupportedExtensions => _extensions;

    /// <summary>True when the file's extension is one this loader reads.</summary>
    public static bool IsSupported(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Reads and parses one file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="rootFolder">The folder the file was found in; the derived id is its path relative to this. Null for a single file.</param>
    /// <param name="collection">The collection the document belongs to.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="DocumentFormatException">The file cannot be read or parsed; the message names it.</exception>
    public async Task<KnowledgeDocument> LoadAsync(
        string path, string? rootFolder, string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);

        var fullPath = Path.GetFullPath(path);
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(fullPath, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DocumentFormatException(fullPath, $"cannot be read: {ex.Message}", ex);
        }

        var relative = rootFolder is null ? Path.GetFileName(fullPath) : Path.GetRelativePath(rootFolder, fullPath);
        return Parse(content, fullPath, relative, collection);
    }

    /// <summary>Parses file content already in memory.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="fullPath">The file's full path (used for the URL fallback and in errors).</param>
    /// <param name="relativePath">The path the id is derived from when front matter has none.</param>
    /// <param name="collection">The collection the document belongs to.</param>
    public KnowledgeDocument Parse(byte[] content, string fullPath, string relativePath, string collection)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fullPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);

        var builder = new PlainTextBuilder();
        FrontMatter? frontMatter = null;
        string? title;
        List<FaqEntry> faq = [];
        var extension = Path.GetExtension(fullPath).ToLowerInvariant();
        try
        {
            switch (extension)
            {
                case ".md" or ".markdown":
                    (frontMatter, var body) = FrontMatterParser.Split(Decode(content), fullPath);
                    RequireCuratedFields(frontMatter, fullPath, collection);
                    (faq, body) = FaqMarkdown.Extract(body);
                    MarkdownTextExtractor.Extract(body, builder);
                    title = builder.Blocks.Count > 0 && builder.Blocks[0].Kind == DocumentBlockKind.Heading
                        ? builder.FirstHeading
                        : null;
                    break;
                case ".html" or ".htm":
                    title = HtmlTextExtractor.Extract(Decode(content), builder);
                    break;
                case ".pdf":
                    title = PdfTextExtractor.Extract(content, builder);
                    break;
                case ".tsv" or ".csv":
                    faq = FaqTable.Parse(Decode(content), extension == ".tsv" ? '\t' : ',', fullPath);
                    title = "Frequently asked questions";
                    builder.AddHeading(1, title);
                    break;
                case ".txt" or ".text":
                    title = ExtractPlainText(Decode(content), builder);
                    break;
                default:
                    throw new DocumentFormatException(fullPath, $"unsupported file type '{extension}'.");
            }
        }
        catch (DocumentFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // PdfPig and AngleSharp throw their own exception types for corrupt input; report them all alike.
            throw new DocumentFormatException(fullPath, $"cannot be parsed as {extension.TrimStart('.')}: {ex.Message}", ex);
        }

        // Curated entries follow the document's prose: each a question heading and its answer, whose span the entry keeps.
        for (var i = 0; i < faq.Count; i++)
        {
            var start = builder.Blocks.Count > 0 ? builder.Blocks[^1].End : 0;
            builder.AddHeading(2, faq[i].Questions[0]);
            builder.AddParagraph(faq[i].Answer);
            var answer = builder.Blocks[^1];
            faq[i] = faq[i] with { Start = start, AnswerStart = answer.Start, AnswerEnd = answer.End };
        }

        var text = builder.BuildText();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DocumentFormatException(fullPath, "contains no extractable text.");
        }

        return new KnowledgeDocument
        {
            Id = frontMatter?.Id ?? DeriveId(relativePath),
            Title = frontMatter?.Title ?? title ?? Path.GetFileNameWithoutExtension(fullPath),
            Url = frontMatter?.Sources.FirstOrDefault() ?? fullPath,
            Collection = collection,
            Topics = frontMatter?.Topics ?? [],
            Sources = frontMatter?.Sources ?? [],
            LastReviewed = frontMatter?.LastReviewed,
            ContentHash = ComputeHash(content),
            SourcePath = fullPath,
            Text = text,
            Blocks = builder.Blocks,
            Asks = builder.Asks,
            Faq = faq,
        };
    }

    /// <summary>Derives a stable id from a relative path: lower case, extension dropped, runs of other characters as '-'.</summary>
    public static string DeriveId(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var withoutExtension = Path.ChangeExtension(relativePath, null) ?? relativePath;
        var sb = new StringBuilder(withoutExtension.Length);
        foreach (var c in withoutExtension.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var id = sb.ToString().TrimEnd('-');
        return id.Length > 0 ? id : "document";
    }

    /// <summary>SHA-256 of the bytes as lower-case hex.</summary>
    public static string ComputeHash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static void RequireCuratedFields(FrontMatter? frontMatter, string path, string collection)
    {
        if (collection != KnowledgeCollections.BuiltIn)
        {
            return;
        }

        if (frontMatter is null)
        {
            throw new DocumentFormatException(path, "curated documents need YAML front matter with 'id' and 'title'.");
        }

        var missing = new List<string>();
        if (frontMatter.Id is null)
        {
            missing.Add("id");
        }

        if (frontMatter.Title is null)
        {
            missing.Add("title");
        }

        if (missing.Count > 0)
        {
            throw new DocumentFormatException(path, $"front matter is missing required field(s): {string.Join(", ", missing)}.");
        }
    }

    private static string? ExtractPlainText(string text, PlainTextBuilder builder)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // A short first line standing alone reads as the title.
        string? title = null;
        var first = 0;
        if (paragraphs.Length > 1 && !paragraphs[0].Contains('\n', StringComparison.Ordinal) && paragraphs[0].Length <= 120)
        {
            title = paragraphs[0];
            builder.AddHeading(1, title);
            first = 1;
        }

        for (var i = first; i < paragraphs.Length; i++)
        {
            // Hard-wrapped text: single line breaks inside a paragraph are layout.
            builder.AddParagraph(PlainTextBuilder.NormalizeInline(paragraphs[i]));
        }

        return title;
    }

    private static string Decode(byte[] content)
    {
        var span = content.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return Encoding.UTF8.GetString(span);
    }
}
