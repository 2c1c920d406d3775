using Chatbot.Conversation.Understanding;

namespace Chatbot.Conversation.Tests.Understanding;

public sealed class ConversationMessageParserTests
{
    private readonly ConversationMessageParser _parser = ConversationMessageParser.ForIntentExamples();

    [Theory]
    [InlineData("tell me more")]
    [InlineData("why?")]
    [InlineData("can you give an example")]
    public void IsFollowUp_ShortMessageThatRefersBack_IsOne(string text) => Assert.True(_parser.IsFollowUp(text));

    [Theory]
    [InlineData("what is a zorblax?")]
    [InlineData("how does that zorblax engine turn text into vector art for quibble users")]
    public void IsFollowUp_QuestionOfItsOwn_IsNone(string text) => Assert.False(_parser.IsFollowUp(text));

    [Fact]
    public void TryParseComparison_VersusForm_GivesBothThingsInTheUsersSpelling()
    {
        Assert.True(_parser.TryParseComparison(_parser.Normalize("Zorblax 3 vs Quibble-X"), "Zorblax 3 vs Quibble-X", out var left, out var right));
        Assert.Equal("Zorblax 3", left);
        Assert.Equal("Quibble-X", right);
    }

    [Fact]
    public void TryParseComparison_ThatAsTheFirstThing_LeavesItForTheDialog()
    {
        const string Text = "how is that different from a quibble?";

        Assert.True(_parser.TryParseComparison(_parser.Normalize(Text), Text, out var left, out var right));
        Assert.Null(left);
        Assert.Equal("quibble", right);
    }

    [Theory]
    [InlineData("is it true that the zorblax hums?", true)]
    [InlineData("I heard the zorblax hums, right?", true)]
    [InlineData("what does the zorblax do?", false)]
    public void MayBeClaim_FollowsTheClaimCues(string text, bool expected) => Assert.Equal(expected, _parser.MayBeClaim(_parser.Normalize(text)));

    [Fact]
    public void Normalize_CorrectsMisspeltCueWords() => Assert.Equal("whats the difference between a zorblax and a quibble", _parser.Normalize("whats the diffrence between a Zorblax and a Quibble"));
}
