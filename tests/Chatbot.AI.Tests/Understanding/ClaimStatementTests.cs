using Chatbot.AI.Understanding;

namespace Chatbot.AI.Tests.Understanding;

public sealed class ClaimStatementTests
{
    [Theory]
    [InlineData("Is it true that the Zorblax hums?", "the Zorblax hums")]
    [InlineData("is it correct that the Zorblax hums", "the Zorblax hums")]
    [InlineData("Fact-check: the Zorblax was built in 2031.", "the Zorblax was built in 2031.")]
    [InlineData("Claim: the Quibble rattles", "the Quibble rattles")]
    [InlineData("I heard that the Quibble rattles?", "the Quibble rattles")]
    [InlineData("True or false: Zorblaxes hum", "Zorblaxes hum")]
    [InlineData("  The Zorblax hums? ", "The Zorblax hums")]
    public void From_Question_DropsTheLeadInAndQuestionMark(string question, string claim) =>
        Assert.Equal(claim, ClaimStatement.From(question));

    [Theory]
    [InlineData("the Zorblax hums", "the Zorblax hums.")]
    [InlineData("the Zorblax was built in 2031.", "the Zorblax was built in 2031.")]
    public void AsSentence_EndsWithOnePeriod(string statement, string sentence) =>
        Assert.Equal(sentence, ClaimStatement.AsSentence(statement));
}
