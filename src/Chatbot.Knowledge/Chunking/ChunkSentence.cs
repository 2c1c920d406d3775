using System.Text.RegularExpressions;

namespace Chatbot.Knowledge.Chunking;

/// <summary>
/// A sentence of a chunk as ingestion found it: its span in the chunk's text and its unit-length
/// embedding. Stored in the index with the chunk, so nothing at query time splits or embeds a source again.
/// </summary>
public sealed partial class ChunkSentence
{
    /// <summary>Creates a sentence of a chunk.</summary>
    /// <param name="start">Offset of the sentence in the chunk's text.</param>
    /// <param name="length">Length of the sentence in the chunk's text.</param>
    /// <param name="text">The sentence as the splitter gives it (markers removed, white space collapsed).</param>
    /// <param name="vector">The unit-length embedding of <see cref="EmbeddedText"/>.</param>
    public ChunkSentence(int start, int length, string text, ReadOnlyMemory<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentNullException.ThrowIfNull(text);
        Start = start;
        Length = length;
        Text = text;
        Vector = vector;
    }

    /// <summary>Offset of the sentence in the chunk's text.</summary>
    public int Start { get; }

    /// <summary>Length of the sentence in the chunk's text.</summary>
    public int Length { get; }

    /// <summary>Offset just past the sentence in the chunk's text.</summary>
    public int End => Start + Length;

    /// <summary>The sentence as the splitter gives it: citation markers removed, white space collapsed.</summary>
    public string Text { get; }

    /// <summary>The sentence's unit-length embedding (of <see cref="EmbeddedText"/>).</summary>
    public ReadOnlyMemory<float> Vector { get; }

    /// <summary>What is embedded: the text without a leading list marker ("- ", "2. ", "• "), which says nothing of its meaning.</summary>
    public static string EmbeddedText(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return ListMarker().Replace(sentence, string.Empty, 1);
    }

    [GeneratedRegex(@"^(?:[-*+•]|\d{1,2}[.)]|#{1,6})\s+")]
    private static partial Regex ListMarker();
}
