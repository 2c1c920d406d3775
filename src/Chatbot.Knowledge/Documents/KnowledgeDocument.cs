namespace Chatbot.Knowledge.Documents;

/// <summary>
/// A loaded document reduced to plain text with its structure (headings and paragraphs) and the
/// metadata that citations need.
/// </summary>
public sealed record KnowledgeDocument
{
    /// <summary>Stable id: the front-matter <c>id</c>, else derived from the path relative to its folder.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The first source URL from front matter, else the file path.</summary>
    public required string Url { get; init; }

    /// <summary><see cref="KnowledgeCollections.BuiltIn"/> or <see cref="KnowledgeCollections.Pilot"/>.</summary>
    public required string Collection { get; init; }

    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>All source URLs from front matter.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Front matter <c>last_reviewed</c>, when given.</summary>
    public DateOnly? LastReviewed { get; init; }

    /// <summary>SHA-256 (hex) of the file's bytes; the ingestion manifest compares it.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Full path of the file the document came from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The document's plain text: blocks separated by blank lines; all offsets point into it.</summary>
    public required string Text { get; init; }

    /// <summary>Headings and paragraphs in reading order.</summary>
    public required IReadOnlyList<DocumentBlock> Blocks { get; init; }

    /// <summary>
    /// Questions the author says a section answers (doc2query), by the offset of the section's heading (0 for the
    /// document's top before any heading); indexed with the section's passages so that a question put in other words finds them.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Asks { get; init; } = new Dictionary<int, IReadOnlyList<string>>();

    /// <summary>The curated questions and answers it holds, each with its answer's span in <see cref="Text"/>; indexed one passage each.</summary>
    public IReadOnlyList<FaqEntry> Faq { get; init; } = [];

    /// <summary>The text of one block.</summary>
    public string GetText(DocumentBlock block) => Text.Substring(block.Start, block.Length);
}
