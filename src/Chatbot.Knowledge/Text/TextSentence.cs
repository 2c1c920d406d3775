namespace Chatbot.Knowledge.Text;

/// <summary>One sentence of a text, as <see cref="SentenceSplitter"/> found it.</summary>
/// <param name="Text">The sentence with its [n] citation markers removed and its whitespace collapsed.</param>
/// <param name="Start">Offset of the sentence's first character in the original text.</param>
/// <param name="Length">Length of the sentence in the original text, markers included.</param>
/// <param name="Citations">The distinct source numbers its [n] markers name, in order of appearance.</param>
public sealed record TextSentence(string Text, int Start, int Length, IReadOnlyList<int> Citations)
{
    /// <summary>Offset just past the sentence's last character in the original text.</summary>
    public int End => Start + Length;
}
