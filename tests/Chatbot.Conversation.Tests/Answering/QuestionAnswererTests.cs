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

    [Fact]
    public void Record_KeepsTheCitedSourcesInOrder_AndEachKindOfFlagOnce()
    {
        var answer = new Answer(
            "Zorblats hum [2]. They float [1]. They sing [3]. They glow [2].",
            [
                new AnswerSentence("Zorblats hum", [2], GroundingVerdict.Supported, 0.9),
                new AnswerSentence("They float", [1], GroundingVerdict.Unsupported, 0.2),
                new AnswerSentence("They sing", [3], GroundingVerdict.Contradicted, 0.1),
                new AnswerSentence("They glow", [2], GroundingVerdict.Unsupported, 0.3),
            ],
            [
                new Citation(1, "Zorblat buoyancy", "https://example.org/b", "q"),
                new Citation(2, "Zorblat sounds", "https://example.org/s", "q"),
                new Citation(3, "Zorblat songs", "https://example.org/songs", "q"),
                new Citation(4, "Offered but never cited", "https://example.org/x", "q"),
            ],
            "ollama:llama3.2")
        {
            CuratedQuestion = "Do Zorblats hum?",
        };
        var activity = new Microsoft.Bot.Schema.Activity { ChannelId = Channels.Webchat, Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: "conv-9") };

        var record = QuestionAnswerer.Record(answer, "answer-1", "do zorblats hum?", activity);

        Assert.Equal(("answer-1", Channels.Webchat, "conv-9", "do zorblats hum?"), (record.AnswerId, record.ChannelId, record.ConversationId, record.Question));
        Assert.Equal(["Zorblat buoyancy", "Zorblat sounds", "Zorblat songs"], record.Sources);
        Assert.Equal((4, 3), (record.Sentences, record.Flagged));
        Assert.Equal(["Unsupported", "Contradicted"], record.FlagKinds);
        Assert.Equal(("ollama:llama3.2", "Do Zorblats hum?", true), (record.Backend, record.CuratedQuestion, record.Covered));
    }

    [Fact]
    public void Record_OfAnAnswerTheSourcesDoNotCover_SaysSo_AndCitesNothing()
    {
        var activity = new Microsoft.Bot.Schema.Activity { ChannelId = Channels.Msteams, Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: "a:1") };

        var record = QuestionAnswerer.Record(Answer(NotCovered, covered: false), "answer-2", "what is a flumph?", activity);

        Assert.False(record.Covered);
        Assert.Empty(record.Sources);
        Assert.Empty(record.FlagKinds);
        Assert.Equal((1, 0), (record.Sentences, record.Flagged));
    }

    [Fact]
    public void Record_OfARepairedAnswer_KeepsWhatWasWithheld()
    {
        var withheld = new WithheldSentence("Zorblats fly to Mars.", GroundingVerdict.Unsupported, "No source says this.");
        var answer = Answer("Zorblats hum [1].", covered: true) with { Withheld = [withheld], CorrectedCitations = 1 };
        var activity = new Microsoft.Bot.Schema.Activity { ChannelId = Channels.Webchat, Conversation = new Microsoft.Bot.Schema.ConversationAccount(id: "conv-3") };

        var record = QuestionAnswerer.Record(answer, "answer-3", "do zorblats fly?", activity);

        Assert.True(record.Repaired);
        Assert.False(record.FellBack);
        Assert.Equal([withheld], record.Withheld);
        Assert.Equal(0, record.Flagged);
    }

    private static Answer Answer(string text, bool covered) =>
        new(text, [new AnswerSentence(text, covered ? [1] : [], GroundingVerdict.Supported, 1)], [new Citation(1, "Zorblats", "https://example.org/zorblats", "Zorblats hum.")], "extractive")
        {
            Covered = covered,
        };
}
