using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Chatbot.Knowledge.Documents;

/// <summary>
/// Reads a PDF with PdfPig: each page becomes a "Page n" section whose paragraphs are the page's
/// text in content order, so citations can point at a page.
/// </summary>
internal static class PdfTextExtractor
{
    /// <returns>The title from the PDF's document information, or null.</returns>
    public static string? Extract(byte[] content, PlainTextBuilder builder)
    {
        using var pdf = PdfDocument.Open(content);
        foreach (var page in pdf.GetPages())
        {
            var text = ContentOrderTextExtractor.GetText(page, new ContentOrderTextExtractor.Options
            {
                SeparateParagraphsWithDoubleNewline = true,
                ReplaceWhitespaceWithSpace = true,
            });
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            builder.AddHeading(2, $"Page {page.Number}");
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal)
                         .Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                // Inside a paragraph, PDF line breaks are layout, not meaning.
                builder.AddParagraph(PlainTextBuilder.NormalizeInline(paragraph));
            }
        }

        var title = pdf.Information.Title;
        return string.IsNullOrWhiteSpace(title) ? null : PlainTextBuilder.NormalizeInline(title);
    }
}
