using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace Chatbot.Dialogs.Tests;

public sealed class ConversationIsolationTests
{
    [Fact]
    public async Task TwoConversations_OnOneStorage_NeverSeeEachOthersState()
    {
        var bot = new DialogTestBot(() => TestDialogs.RootWithProfile());
        var ann = new TestAdapter(TestAdapter.CreateConversation("conversation-ann", "ann"));
        var bob = new TestAdapter(TestAdapter.CreateConversation("conversation-bob", "bob"));

        await bot.Flow(ann).Send("hi").AssertReply("What is your name?").StartTestAsync();
        await bot.Flow(bob).Send("hi").AssertReply("What is your name?").StartTestAsync();
        await bot.Flow(ann).Send("Ann").AssertReply("Pick a colour.").StartTestAsync();
        await bot.Flow(bob).Send("Bob").AssertReply("Pick a colour.").StartTestAsync();
        await bot.Flow(ann).Send("red").AssertReply("Ann likes Red?").StartTestAsync();
        await bot.Flow(bob).Send("blue").AssertReply("Bob likes Blue?").StartTestAsync();
        await bot.Flow(bob).Send("yes").AssertReply("Saved Bob/Blue.").StartTestAsync();

        // Bob finishing empties his stack only.
        Assert.Empty((await bot.ReadStateAsync(bob)).DialogStack);
        Assert.Single((await bot.ReadStateAsync(ann)).DialogStack);
        await bot.Flow(ann).Send("yes").AssertReply("Saved Ann/Red.").StartTestAsync();
    }

    [Fact]
    public async Task PromptOptionsSharedByConversations_AreNotChangedBySending()
    {
        var shared = TestDialogs.Ask("Your name?", "Your name, please?");
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", (context, ct) => Task.FromResult(context.Recognized.Value != "?")), shared));
        var first = new TestAdapter(TestAdapter.CreateConversation("first"));
        var second = new TestAdapter(TestAdapter.CreateConversation("second"));

        await bot.Flow(first).Send("hi").AssertReply(a => Assert.Equal("first", a.Conversation.Id)).StartTestAsync();
        await bot.Flow(second).Send("hi").AssertReply(a => Assert.Equal("second", a.Conversation.Id)).StartTestAsync();
        await bot.Flow(first).Send("?").AssertReply(a => Assert.Equal("first", a.Conversation.Id)).StartTestAsync();

        Assert.Null(shared.Prompt!.Conversation);
        Assert.Null(shared.RetryPrompt!.Conversation);
    }

    [Fact]
    public async Task RunAsync_ReportsWaitingThenComplete_AndValidatesArguments()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new TextPrompt("text"), TestDialogs.Ask("Name?")));

        await bot.Flow().Send("hi").AssertReply("Name?").StartTestAsync();
        Assert.Equal(DialogTurnStatus.Waiting, bot.LastResult.Status);
        await bot.Flow().Send("Lin").AssertReply("Result: Lin").StartTestAsync();
        Assert.Equal(DialogTurnStatus.Complete, bot.LastResult.Status);

        var accessor = new ConversationState(new MemoryStorage()).CreateProperty<DialogState>("s");
        var turn = DialogTestBot.TurnFor(new TestAdapter(), "hi");
        await Assert.ThrowsAsync<ArgumentNullException>(() => new TextPrompt("t").RunAsync(turn, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => new TextPrompt("t").RunAsync(null!, accessor));
    }
}
