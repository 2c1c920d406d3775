using Chatbot.Grounding.Text;

namespace Chatbot.Grounding.Features;

/// <summary>One sentence of a source passage, analysed once per check.</summary>
internal sealed class EvidenceSentence(int? sourceNumber, int passageIndex, int position, string text, SentenceFacts facts)
{
    /// <summary>The source's [n] number, or null for a retrieved passage the answer could not cite.</summary>
    public int? SourceNumber { get; } = sourceNumber;

    /// <summary>Index of the passage among all passages of the check (for windows, which never cross passages).</summary>
    public int PassageIndex { get; } = passageIndex;

    /// <summary>Index of the sentence within its passage.</summary>
    public int Position { get; } = position;

    public string Text { get; } = text;

    public SentenceFacts Facts { get; } = facts;

    /// <summary>The sentence's unit embedding, when it was a dense candidate for some claim.</summary>
    public float[]? Vector { get; set; }
}
