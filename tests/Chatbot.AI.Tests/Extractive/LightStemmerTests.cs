using Chatbot.AI.Extractive;

namespace Chatbot.AI.Tests.Extractive;

public sealed class LightStemmerTests
{
    [Theory]
    [InlineData("entered", "enter")]
    [InlineData("weekly", "week")]
    [InlineData("folding", "fold")]
    public void Stem_CommonSuffix_IsStripped(string word, string stem) =>
        Assert.Equal(stem, LightStemmer.Stem(word));

    [Theory]
    [InlineData("introduced", "introduce")]
    [InlineData("gizmos", "gizmo")]
    [InlineData("engines", "engine")]
    public void Stem_FormsOfOneWord_MeetAtTheSameStem(string form, string word) =>
        Assert.Equal(LightStemmer.Stem(word), LightStemmer.Stem(form));

    [Theory]
    [InlineData("used")]
    [InlineData("zeta")]
    [InlineData("fly")]
    public void Stem_StemWouldBeShorterThanFourLetters_KeepsTheWord(string word) =>
        Assert.Equal(word, LightStemmer.Stem(word));

    [Fact]
    public void Stem_TwoSuffixes_StripsOnlyTheFirstThatMatches() =>
        Assert.Equal("reading", LightStemmer.Stem("readings"));

    [Fact]
    public void Stem_EsBeforeS_StripsBothLetters() =>
        Assert.Equal("class", LightStemmer.Stem("classes"));
}
