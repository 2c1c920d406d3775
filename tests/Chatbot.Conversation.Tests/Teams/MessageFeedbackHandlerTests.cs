using Chatbot.AI.Answers;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.State;
using Chatbot.Conversation.Tests.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Newtonsoft.Json.Linq;

namespace Chatbot.Conversation.Tests.Teams;

public sealed class MessageFeedbackHandlerTests
{
    private readonly MemoryStorage _storage = new();
    private readonly RecordingJournal _journal = new();

    [Fact]
    public async Task Dislike_WithAComment_IsRecordedWithTheAnswerItRates()
    {
        var conversationState = new ConversationState(_storage);
        var handler = new MessageFeedbackHandler(conversationState, _journal);
        var adapter = new TestAdapter(Channels.Msteams);

        // The bot answered twice; the user rates the first answer's message.
        var setup = new TurnContext(adapter, Invoke("ignored", null));
        var memory = await conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory)).GetAsync(setup, () => new ConversationMemory());
        memory.Remember("what is a zorblat?", new Answer("A zorblat is a loom. [1]", [], [], "extractive"));
        memory.Sent("activity-1");
        var firstId = memory.LastAnswerId;
        memory.Remember("who bred them?", new Answer("Ada Quenn. [1]", [], [], "extractive"));
        memory.Sent("activity-2");
        await conversationState.SaveChangesAsync(setup);

        var value = JObject.Parse("""{"actionName":"feedback","actionValue":{"reaction":"dislike","feedback":"{\"feedbackText\":\"too vague\"}"}}""");
        var context = new TurnContext(adapter, Invoke(MessageFeedbackHandler.InvokeName, value));
        await conversationState.LoadAsync(context);
        var response = await handler.HandleAsync(new DelegatingTurnContext<IInvokeActivity>(context), CancellationToken.None);

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Null(response.Body);
        var stored = Assert.Single(_journal.Feedback);
        Assert.Equal(firstId, stored.AnswerId);
        Assert.Equal(Channels.Msteams, stored.ChannelId);
        Assert.Equal("a:personal-1", stored.ConversationId);
        Assert.False(stored.Helpful);
        Assert.Equal("too vague", stored.Comment);
        Assert.Equal("what is a zorblat?", stored.Question);
        Assert.Equal("A zorblat is a loom. [1]", stored.Answer);
    }

    [Fact]
    public async Task WebChatLike_IsRecordedWithTheAnswerItsActionCarries()
    {
        var conversationState = new ConversationState(_storage);
        var handler = new MessageFeedbackHandler(conversationState, _journal);
        var adapter = new TestAdapter(Channels.Directline);
        var setup = new TurnContext(adapter, Invoke("ignored", null));
        var memory = await conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory)).GetAsync(setup, () => new ConversationMemory());
        memory.Remember("what is a zorblat?", new Answer("A zorblat is a loom. [1]", [], [], "extractive"));
        memory.Sent("dl-activity-7");
        var answerId = memory.LastAnswerId!;
        await conversationState.SaveChangesAsync(setup);

        var action = new Entity();
        action.Properties["@type"] = "LikeAction";
        action.Properties["answerId"] = answerId;
        var clicked = new Activity
        {
            Type = ActivityTypes.Event,
            Name = Chatbot.Conversation.Rendering.CitationEntity.WebChatFeedbackEvent,
            Entities = [action],
            ChannelId = Channels.Msteams,
            From = new ChannelAccount("user"),
            Recipient = new ChannelAccount("bot"),
            Conversation = new ConversationAccount(id: "a:personal-1"),
        };
        var context = new TurnContext(adapter, clicked);
        await conversationState.LoadAsync(context);

        Assert.True(await handler.HandleEventAsync(new DelegatingTurnContext<IEventActivity>(context), CancellationToken.None));
        var stored = Assert.Single(_journal.Feedback);
        Assert.Equal(answerId, stored.AnswerId);
        Assert.True(stored.Helpful);
        Assert.Equal("A zorblat is a loom. [1]", stored.Answer);
    }

    [Fact]
    public async Task TeamsFeedback_OnAMessageNoLongerRemembered_IsNotRecordedUnderTheMessageId()
    {
        var handler = new MessageFeedbackHandler(new ConversationState(_storage), _journal);
        var value = JObject.Parse("""{"actionName":"feedback","actionValue":{"reaction":"like"}}""");
        var context = new TurnContext(new TestAdapter(Channels.Msteams), Invoke(MessageFeedbackHandler.InvokeName, value));

        var response = await handler.HandleAsync(new DelegatingTurnContext<IInvokeActivity>(context), CancellationToken.None);

        Assert.Equal(200, response?.Status);
        Assert.Empty(_journal.Feedback);
    }

    [Fact]
    public async Task WebChatFeedback_OnAnAnswerNoLongerRemembered_PassesItsIdWithoutAQuestion()
    {
        // The journal keeps it only if it has that answer: the handler cannot vouch for an id a client sent.
        var handler = new MessageFeedbackHandler(new ConversationState(_storage), _journal);
        var context = new TurnContext(new TestAdapter(Channels.Directline), WebChatFeedback("DislikeAction", "forgotten-answer"));

        Assert.True(await handler.HandleEventAsync(new DelegatingTurnContext<IEventActivity>(context), CancellationToken.None));

        var stored = Assert.Single(_journal.Feedback);
        Assert.Equal("forgotten-answer", stored.AnswerId);
        Assert.False(stored.Helpful);
        Assert.Null(stored.Question);
    }

    [Fact]
    public async Task AJournalThatFails_IsLoggedAsAWarning_AndTheInvokeIsStillAnswered()
    {
        var conversationState = new ConversationState(_storage);
        var logger = new FakeLogger<MessageFeedbackHandler>();
        var handler = new MessageFeedbackHandler(conversationState, new RecordingJournal { Fail = true }, logger);
        var adapter = new TestAdapter(Channels.Msteams);
        var setup = new TurnContext(adapter, Invoke("ignored", null));
        var memory = await conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory)).GetAsync(setup, () => new ConversationMemory());
        memory.Remember("what is a zorblat?", new Answer("A zorblat is a loom. [1]", [], [], "extractive"));
        memory.Sent("activity-1");
        await conversationState.SaveChangesAsync(setup);
        var value = JObject.Parse("""{"actionName":"feedback","actionValue":{"reaction":"like"}}""");
        var context = new TurnContext(adapter, Invoke(MessageFeedbackHandler.InvokeName, value));
        await conversationState.LoadAsync(context);

        var response = await handler.HandleAsync(new DelegatingTurnContext<IInvokeActivity>(context), CancellationToken.None);

        Assert.Equal(200, response?.Status);
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("feedback", warning.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(warning.Exception);
    }

    [Theory]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":"{\"feedbackText\":\"\"}"}}""", true, null)]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":"nice"}}""", true, "nice")]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"dislike"}}""", false, null)]
    public void Parse_ReadsTheReactionAndTheComment(string json, bool helpful, string? comment)
    {
        var parsed = MessageFeedbackHandler.Parse(JObject.Parse(json));

        Assert.Equal((helpful, comment), parsed);
    }

    [Theory]
    [InlineData("""{"actionName":"somethingElse","actionValue":{"reaction":"like"}}""")]
    [InlineData("""{"actionName":"feedback","actionValue":{"reaction":"meh"}}""")]
    [InlineData("""{"actionName":"feedback"}""")]
    public void Parse_OtherValues_AreNotFeedback(string json) =>
        Assert.Null(MessageFeedbackHandler.Parse(JObject.Parse(json)));

    private static Activity WebChatFeedback(string type, string answerId)
    {
        var action = new Entity();
        action.Properties["@type"] = type;
        action.Properties["answerId"] = answerId;
        return new Activity
        {
            Type = ActivityTypes.Event,
            Name = Chatbot.Conversation.Rendering.CitationEntity.WebChatFeedbackEvent,
            Entities = [action],
            ChannelId = Channels.Directline,
            From = new ChannelAccount("user"),
            Recipient = new ChannelAccount("bot"),
            Conversation = new ConversationAccount(id: "dl-1"),
        };
    }

    private static Activity Invoke(string name, object? value) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = name,
        Value = value,
        ChannelId = Channels.Msteams,
        ReplyToId = "activity-1",
        From = new ChannelAccount("29:user", "User"),
        Recipient = new ChannelAccount("28:bot", "Guide"),
        Conversation = new ConversationAccount(id: "a:personal-1", conversationType: "personal"),
        ServiceUrl = "https://smba.example",
    };
}
