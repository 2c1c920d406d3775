namespace Chatbot.Knowledge.Documents;

/// <summary>
/// One heading or paragraph of a document, located by character offsets into
/// <see cref="KnowledgeDocument.Text"/> so that chunks can cite exact spans.
/// </summary>
/// <param name="Kind">Heading or paragraph.</param>
/// <param name="Level">Heading level (1–6); 0 for paragraphs.</param>
/// <param name="Start">Offset of the first character in the document's plain text.</param>
/// <param name="Length">Number of characters.</param>
public readonly record struct DocumentBlock(DocumentBlockKind Kind, int Level, int Start, int Length)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;
}
