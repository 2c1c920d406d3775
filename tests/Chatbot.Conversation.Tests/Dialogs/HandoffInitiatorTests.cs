using System.Net;
using Chatbot.AI.Answers;
using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.State;
using Chatbot.Conversation.Tests.Journal;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Rest;

namespace Chatbot.Conversation.Tests.Dialogs;

public sealed class HandoffInitiatorTests
{
    private static readonly HandoffOptions s_options = new();

    private readonly MemoryStorage _storage = new();
    private readonly RecordingJournal _journal = new();
    private readonly FakeLogger<HandoffInitiator> _logger = new();

    [Fact]
    public async Task AnAcceptedHandoff_IsRecordedAsDelivered_WithTheLastQuestion()
    {
        var adapter = new TestAdapter();
        await RememberAsync(adapter, "how do I return a zorblat?");

        await new TestFlow(adapter, Initiator(_journal).InitiateAsync)
            .Send("talk to a person")
            .AssertReply(a => Assert.Equal(ActivityTypes.Event, a.Type))
            .AssertReply(s_options.Message)
            .StartTestAsync();

        var record = Assert.Single(_journal.Handoffs);
        Assert.True(record.Delivered);
        Assert.Equal("how do I return a zorblat?", record.LastQuestion);
        Assert.Equal((adapter.Conversation.ChannelId, adapter.Conversation.Conversation.Id), (record.ChannelId, record.ConversationId));
    }

    [Fact]
    public async Task ARejectedHandoff_IsRecordedAsNotDelivered()
    {
        var adapter = new EventRejectingAdapter();

        await new TestFlow(adapter, Initiator(_journal).InitiateAsync)
            .Send("talk to a person")
            .AssertReply(s_options.UnavailableMessage)
            .StartTestAsync();

        var record = Assert.Single(_journal.Handoffs);
        Assert.False(record.Delivered);
        Assert.Null(record.LastQuestion);
    }

    [Fact]
    public async Task AJournalThatFails_IsLoggedAsAWarning_AndTheUserIsStillTold()
    {
        await new TestFlow(new TestAdapter(), Initiator(new RecordingJournal { Fail = true }).InitiateAsync)
            .Send("talk to a person")
            .AssertReply(a => Assert.Equal(ActivityTypes.Event, a.Type))
            .AssertReply(s_options.Message)
            .StartTestAsync();

        var warning = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("request for a person", warning.Message, StringComparison.Ordinal);
    }

    private HandoffInitiator Initiator(RecordingJournal journal) => new(new ConversationState(_storage), Options.Create(s_options), _logger, journal);

    private async Task RememberAsync(TestAdapter adapter, string question)
    {
        var state = new ConversationState(_storage);
        var context = new TurnContext(adapter, (Activity)MessageFactory.Text("setup"));
        context.Activity.ApplyConversationReference(adapter.Conversation, isIncoming: true);
        var memory = await state.CreateProperty<ConversationMemory>(nameof(ConversationMemory)).GetAsync(context, () => new ConversationMemory());
        memory.Remember(question, new Answer("Bring it back within 30 days [1].", [], [], "extractive"));
        await state.SaveChangesAsync(context);
    }

    /// <summary>A channel without an agent hub, as Teams: the handoff event is answered 400.</summary>
    private sealed class EventRejectingAdapter : TestAdapter
    {
        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
        {
            if (activities.Any(a => a.Type == ActivityTypes.Event))
            {
                throw new ErrorResponseException("Bad request")
                {
                    Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.BadRequest), string.Empty),
                };
            }

            return base.SendActivitiesAsync(turnContext, activities, cancellationToken);
        }
    }
}
