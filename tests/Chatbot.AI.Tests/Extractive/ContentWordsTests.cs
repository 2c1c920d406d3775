using Chatbot.AI.Extractive;

namespace Chatbot.AI.Tests.Extractive;

public sealed class ContentWordsTests
{
    [Fact]
    public void Of_Question_DropsStopWordsAndShortWords()
    {
        var words = ContentWords.Of("What is the Zorblax gadget and how does it work on a boat?");

        Assert.Equal(["boat", "gadget", "work", "zorblax"], words.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Of_ShortNumber_CountsAsAWord()
    {
        var words = ContentWords.Of("Is Zorblax 3 faster than Zorblax?");

        Assert.Contains("3", words);
        Assert.Contains("zorblax", words);
    }

    [Fact]
    public void Of_CapitalisedAndInflected_MeetsItsLowerCaseStem() =>
        Assert.Equal(ContentWords.Of("the gizmo engine").Order(StringComparer.Ordinal), ContentWords.Of("Gizmo Engines").Order(StringComparer.Ordinal));

    [Fact]
    public void Of_HyphenatedName_StaysOneWord() =>
        Assert.Equal(["qx-9b"], ContentWords.Of("QX-9b").ToArray());
}
