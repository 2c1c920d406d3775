using Chatbot.Conversation.Bots;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Bots;

public sealed class ExplainerBotTests
{
    private readonly MemoryStorage _storage = new();

    [Fact]
    public async Task MembersAdded_WelcomesEachPerson_ButNotTheBot()
    {
        var adapter = new TestAdapter();
        var bot = CreateBot(new EchoHandler());
        var update = new Activity(ActivityTypes.ConversationUpdate)
        {
            MembersAdded = [adapter.Conversation.Bot, new ChannelAccount("alice"), new ChannelAccount("bob")],
        };

        await new TestFlow(adapter, bot.OnTurnAsync)
            .Send(update)
            .AssertReply(a => AssertWelcome(a, "Guide"))
            .AssertReply(a => AssertWelcome(a, "Guide"))
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task AMessage_IsHandedToTheMessageHandler()
    {
        var handler = new EchoHandler();
        var adapter = new TestAdapter();

        await new TestFlow(adapter, CreateBot(handler).OnTurnAsync)
            .Send("what is a transformer?")
            .AssertReply("echo: what is a transformer?")
            .StartTestAsync();
    }

    [Fact]
    public async Task StateChangedByTheHandler_IsSavedAfterTheTurn()
    {
        var conversationState = new ConversationState(_storage);
        var counter = conversationState.CreateProperty<int>("count");
        var handler = new EchoHandler { OnTurn = async ctx => await counter.SetAsync(ctx, await counter.GetAsync(ctx, () => 0) + 1) };
        var adapter = new TestAdapter();

        await new TestFlow(adapter, CreateBot(handler, conversationState).OnTurnAsync)
            .Send("one").AssertReply("echo: one")
            .Send("two").AssertReply("echo: two")
            .StartTestAsync();

        // A fresh state object over the same storage sees what the bot saved.
        var reloaded = new ConversationState(_storage);
        var context = new TurnContext(adapter, MessageFactory.Text("peek"));
        context.Activity.ApplyConversationReference(adapter.Conversation, isIncoming: true);
        await reloaded.LoadAsync(context);
        Assert.Equal(2, await reloaded.CreateProperty<int>("count").GetAsync(context, () => 0));
    }

    private ExplainerBot CreateBot(IMessageHandler handler, ConversationState? conversationState = null)
    {
        conversationState ??= new ConversationState(_storage);
        return new ExplainerBot(
            conversationState,
            new UserState(_storage),
            new ConversationStateFailureTracker(conversationState),
            handler,
            new MessageFeedbackHandler(conversationState),
            Options.Create(new BotOptions { DisplayName = "Guide" }),
            NullLogger<ExplainerBot>.Instance);
    }

    private static void AssertWelcome(IActivity activity, string name)
    {
        var message = Assert.IsAssignableFrom<IMessageActivity>(activity);
        Assert.StartsWith($"Hi, I'm {name}.", message.Text, StringComparison.Ordinal);
        Assert.Equal(3, message.SuggestedActions.Actions.Count);
    }

    private sealed class EchoHandler : IMessageHandler
    {
        public Func<ITurnContext, Task>? OnTurn { get; init; }

        public async Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
        {
            if (OnTurn is not null)
            {
                await OnTurn(turnContext);
            }

            await turnContext.SendActivityAsync($"echo: {turnContext.Activity.Text}", cancellationToken: cancellationToken);
        }
    }
}
