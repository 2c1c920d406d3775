namespace Chatbot.Knowledge.Chunking;

/// <summary>A half-open character range [<see cref="Start"/>, <see cref="End"/>) of a text.</summary>
internal readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}
