using Chatbot.AI.Answers;
using Chatbot.Conversation.Answering;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Tests.Intents;
using Chatbot.Grounding;
using Microsoft.Bot.Connector;

namespace Chatbot.Conversation.Tests.Answering;

public sealed class QuestionAnswererTests(IntentRecognizerFixture fixture) : IClassFixture<IntentRecognizerFixture>
{
    private const string NotCovered = "My sources don't cover that question, so I can't answer it reliably.";

    [Fact]
    public void Reply_NotCoveredInAPilot_OffersAPerson()
    {
        var reply = QuestionAnswerer.Reply(Answer(NotCovered, covered: false), pilot: true, Channels.Test);

        var action = Assert.Single(reply.SuggestedActions.Actions);
        Assert.Equal(QuestionAnswerer.HandoffOffer, action.Value);
        Assert.StartsWith(NotCovered, reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Reply_CoveredOrOutsideAPilot_OffersNothing(bool covered, bool pilot)
    {
        var reply = QuestionAnswerer.Reply(Answer(covered ? "Zorblats hum. [1]" : NotCovered, covered), pilot, Channels.Test);

        Assert.Null(reply.SuggestedActions);
    }

    [Fact]
    public void Reply_CloseCuratedQuestions_AreOfferedToTap()
    {
        var answer = Answer("Zorblats hum. [1]", covered: true) with { Suggestions = ["Do Zorblats float?", "How heavy is a Zorblat?"] };

        var reply = QuestionAnswerer.Reply(answer, pilot: true, Channels.Test);

        Assert.Equal(["Do Zorblats float?", "How heavy is a Zorblat?"], reply.SuggestedActions.Actions.Select(a => (string)a.Value));
    }

    [Fact]
    public async Task HandoffOffer_IsReadAsAskingForAPerson()
    {
        var result = await fixture.RecognizeAsync(QuestionAnswerer.HandoffOffer);

        Assert.Equal(Intent.Handoff, result.Intent);
    }

    private static Answer Answer(string text, bool covered) =>
        new(text, [new AnswerSentence(text, covered ? [1] : [], GroundingVerdict.Supported, 1)], [new Citation(1, "Zorblats", "https://example.org/zorblats", "Zorblats hum.")], "extractive")
        {
            Covered = covered,
        };
}
