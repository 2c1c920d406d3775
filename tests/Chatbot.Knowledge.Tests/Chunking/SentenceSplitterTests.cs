using Chatbot.Knowledge.Chunking;

namespace Chatbot.Knowledge.Tests.Chunking;

public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("One. Two! Three?", new[] { "One.", "Two!", "Three?" })]
    [InlineData("Models such as GPT, e.g. the large ones, work. Next.", new[] { "Models such as GPT, e.g. the large ones, work.", "Next." })]
    [InlineData("Dr. Smith measured 3.5 points. Then stopped.", new[] { "Dr. Smith measured 3.5 points.", "Then stopped." })]
    [InlineData("He said \"stop.\" Then left.", new[] { "He said \"stop.\"", "Then left." })]
    [InlineData("first item\nsecond item", new[] { "first item", "second item" })]
    [InlineData("Goodfellow et al. 2014 introduced GANs.", new[] { "Goodfellow et al. 2014 introduced GANs." })]
    [InlineData("No final punctuation", new[] { "No final punctuation" })]
    public void Split_FindsSentences(string text, string[] expected)
    {
        var spans = new List<TextSpan>();

        SentenceSplitter.Split(text, 0, text.Length, spans);

        Assert.Equal(expected, spans.Select(span => text[span.Start..span.End]));
    }

    [Fact]
    public void CountWords_CountsWhitespaceSeparatedWords()
    {
        Assert.Equal(4, SentenceSplitter.CountWords("  one two\nthree   four ", 0, 23));
    }
}
