using Chatbot.Knowledge.Text;

namespace Chatbot.Knowledge.Tests.Text;

public sealed class SentenceSplitterTests
{
    private static string[] Texts(string text) => SentenceSplitter.Default.Split(text).Select(s => s.Text).ToArray();

    [Fact]
    public void Split_PlainSentences_SplitsAtTerminators()
        => Assert.Equal(["One is here.", "Two is there!", "Is three?"], Texts("One is here. Two is there! Is three?"));

    [Fact]
    public void Split_Abbreviations_DoNotEndSentences()
        => Assert.Equal(
            ["Models, e.g. GPT-4, i.e. large ones, run in the U.S. and elsewhere.", "Dr. Smith agrees."],
            Texts("Models, e.g. GPT-4, i.e. large ones, run in the U.S. and elsewhere. Dr. Smith agrees."));

    [Fact]
    public void Split_CaseNames_StayWhole()
        => Assert.Equal(
            ["In the 2023 case Mata v. Avianca, a judge fined the lawyers.", "They appealed."],
            Texts("In the 2023 case Mata v. Avianca, a judge fined the lawyers. They appealed."));

    [Fact]
    public void Split_Decimals_AndVersionNumbers_StayWhole()
        => Assert.Equal(["GPT-3.5 scored 3.5 points on 192.168.1.1.", "Next."], Texts("GPT-3.5 scored 3.5 points on 192.168.1.1. Next."));

    [Fact]
    public void Split_Initials_StayWhole()
        => Assert.Single(Texts("The book by J. K. Rowling sold well."));

    [Fact]
    public void Split_MarkerAfterPeriod_BelongsToSentenceBefore()
    {
        var sentences = SentenceSplitter.Default.Split("Attention is parallel.[1] RNNs are sequential. [2][3] Done.");
        Assert.Equal(["Attention is parallel.", "RNNs are sequential.", "Done."], sentences.Select(s => s.Text));
        Assert.Equal([1], sentences[0].Citations);
        Assert.Equal([2, 3], sentences[1].Citations);
        Assert.Empty(sentences[2].Citations);
    }

    [Fact]
    public void Split_MarkerBeforePeriod_IsRemovedAndRead()
    {
        var sentences = SentenceSplitter.Default.Split("GANs have two networks [1, 2]. Diffusion denoises [3-4].");
        Assert.Equal(["GANs have two networks.", "Diffusion denoises."], sentences.Select(s => s.Text));
        Assert.Equal([1, 2], sentences[0].Citations);
        Assert.Equal([3, 4], sentences[1].Citations);
    }

    [Fact]
    public void Split_ListItems_AreSentencesOfTheirOwn()
    {
        var texts = Texts("Steps:\n1. Preheat the oven.\n2. Bake for 30 minutes\n* Serve hot");
        Assert.Equal(["Steps:", "1. Preheat the oven.", "2. Bake for 30 minutes", "* Serve hot"], texts);
    }

    [Fact]
    public void Split_Offsets_PointIntoTheOriginalText()
    {
        const string text = "First claim [1]. Second claim.[2]";
        var sentences = SentenceSplitter.Default.Split(text);
        Assert.Equal("First claim [1].", text.Substring(sentences[0].Start, sentences[0].Length));
        Assert.Equal("Second claim.[2]", text.Substring(sentences[1].Start, sentences[1].Length));
    }

    [Fact]
    public void Split_BlankText_GivesNoSentences() => Assert.Empty(Texts("  \n "));

    [Fact]
    public void Split_QuotesAfterPeriod_StayWithTheSentence()
        => Assert.Equal(["He said \"stop.\"", "Then left."], Texts("He said \"stop.\" Then left."));

    [Theory]
    [InlineData("One. Two! Three?", new[] { "One.", "Two!", "Three?" })]
    [InlineData("Models such as GPT, e.g. the large ones, work. Next.", new[] { "Models such as GPT, e.g. the large ones, work.", "Next." })]
    [InlineData("Dr. Smith measured 3.5 points. Then stopped.", new[] { "Dr. Smith measured 3.5 points.", "Then stopped." })]
    [InlineData("He said \"stop.\" Then left.", new[] { "He said \"stop.\"", "Then left." })]
    [InlineData("first item\nsecond item", new[] { "first item", "second item" })]
    [InlineData("Goodfellow et al. 2014 introduced GANs.", new[] { "Goodfellow et al. 2014 introduced GANs." })]
    public void Split_OfARange_GivesOffsetsInTheWholeText(string paragraph, string[] expected)
    {
        const string Before = "# Heading\n\n";
        var text = Before + paragraph + "\n\nAfter.";

        var sentences = SentenceSplitter.Default.Split(text, Before.Length, Before.Length + paragraph.Length);

        Assert.Equal(expected, sentences.Select(s => text.Substring(s.Start, s.Length)));
        Assert.Equal(expected, sentences.Select(s => s.Text));
    }

    [Fact]
    public void TextOf_ReadsASpanBackAsSplitGaveIt()
    {
        const string Text = "Zorblat  was released in 2031 [2]. It  has\tthree modes. Its vector art renders fast, and its owner is Harrow Labs.";

        foreach (var sentence in SentenceSplitter.Default.Split(Text))
        {
            Assert.Equal(sentence.Text, SentenceSplitter.TextOf(Text, sentence.Start, sentence.Length));
        }
    }
}
