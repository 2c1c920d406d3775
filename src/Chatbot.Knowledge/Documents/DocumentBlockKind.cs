namespace Chatbot.Knowledge.Documents;

/// <summary>What a <see cref="DocumentBlock"/> holds.</summary>
public enum DocumentBlockKind
{
    /// <summary>A heading; <see cref="DocumentBlock.Level"/> is 1 for a title, 2 for a section and so on.</summary>
    Heading,

    /// <summary>A paragraph, list, table, quote or code block: running text that chunking may split by sentence.</summary>
    Paragraph,
}
