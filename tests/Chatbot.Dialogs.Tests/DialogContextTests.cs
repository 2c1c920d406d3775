using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace Chatbot.Dialogs.Tests;

public sealed class DialogContextTests
{
    [Fact]
    public async Task BeginDialogAsync_UnknownId_Throws()
    {
        var dc = await CreateContextAsync(new DialogSet(new ConversationState(new MemoryStorage()).CreateProperty<DialogState>("s")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => dc.BeginDialogAsync("missing"));

        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueDialogAsync_EmptyStack_ReturnsEmpty_AndCancelAllReturnsEmpty()
    {
        var dc = await CreateContextAsync(new DialogSet(new ConversationState(new MemoryStorage()).CreateProperty<DialogState>("s")));

        Assert.Equal(DialogTurnStatus.Empty, (await dc.ContinueDialogAsync()).Status);
        Assert.Equal(DialogTurnStatus.Empty, (await dc.CancelAllDialogsAsync()).Status);
        Assert.Null(dc.ActiveDialog);
    }

    [Fact]
    public async Task BeginDialogAsync_PushesOnTop_AndEndDialogResumesTheParentWithTheResult()
    {
        var log = new List<string>();
        var set = new DialogSet(new ConversationState(new MemoryStorage()).CreateProperty<DialogState>("s"))
            .Add(new RecordingDialog("parent", log))
            .Add(new RecordingDialog("child", log));
        var dc = await CreateContextAsync(set);

        await dc.BeginDialogAsync("parent");
        await dc.BeginDialogAsync("child");
        Assert.Equal(["child", "parent"], dc.Stack.Select(d => d.Id));

        var result = await dc.EndDialogAsync("answer");

        Assert.Equal(DialogTurnStatus.Waiting, result.Status);
        Assert.Equal("parent", dc.ActiveDialog?.Id);
        Assert.Equal(["begin parent", "begin child", "end child EndCalled", "resume parent EndCalled answer"], log);

        var last = await dc.EndDialogAsync("final");
        Assert.Equal(DialogTurnStatus.Complete, last.Status);
        Assert.Equal("final", last.Result);
    }

    [Fact]
    public async Task ReplaceDialogAsync_EndsTheActiveDialogAndStartsAnother_WithoutResumingTheParent()
    {
        var bot = new DialogTestBot(() =>
        {
            var root = new ComponentDialog("root");
            root.AddDialog(new WaterfallDialog("menu",
            [
                (step, ct) => step.PromptAsync("text", TestDialogs.Ask("Menu: again or quit?"), ct),
                async (step, ct) => (string)step.Result! == "again"
                    ? await step.ReplaceDialogAsync("menu", null, ct)
                    : await step.EndDialogAsync("bye", ct),
            ]));
            root.AddDialog(new TextPrompt("text"));
            return root;
        });

        var adapter = new TestAdapter();
        await bot.Flow(adapter)
            .Send("hi").AssertReply("Menu: again or quit?")
            .Send("again").AssertReply("Menu: again or quit?")
            .StartTestAsync();

        // Replacing in a loop must not grow the stack.
        var state = await bot.ReadStateAsync(adapter);
        var inner = Assert.IsType<DialogState>(Assert.Single(state.DialogStack).State[ComponentDialog.PersistedDialogState]);
        Assert.Equal(["text", "menu"], inner.DialogStack.Select(d => d.Id));

        await bot.Flow(adapter).Send("quit").StartTestAsync();
        Assert.Equal(DialogTurnStatus.Complete, bot.LastResult.Status);
        Assert.Equal("bye", bot.LastResult.Result);
    }

    [Fact]
    public async Task CancelAllDialogsAsync_EndsEveryDialogWithCancelCalled_AndNextTurnStartsOver()
    {
        var bot = new DialogTestBot(() =>
        {
            var root = new ComponentDialog("root");
            root.AddDialog(new WaterfallDialog("steps",
            [
                (step, ct) => step.PromptAsync("text", TestDialogs.Ask("Type cancel to stop."), ct),
                async (step, ct) => (string)step.Result! == "cancel"
                    ? await step.CancelAllDialogsAsync(ct)
                    : await step.EndDialogAsync(null, ct),
            ]));
            root.AddDialog(new TextPrompt("text"));
            return root;
        });

        var adapter = new TestAdapter();
        await bot.Flow(adapter)
            .Send("hi").AssertReply("Type cancel to stop.")
            .Send("cancel")
            .StartTestAsync();

        // The component ends when its inner stack is cancelled; the root stack is then empty.
        Assert.Empty((await bot.ReadStateAsync(adapter)).DialogStack);
        await bot.Flow(adapter).Send("hello again").AssertReply("Type cancel to stop.").StartTestAsync();
    }

    [Fact]
    public async Task CancelAllDialogsAsync_FromOutside_CancelsNestedInnerDialogs()
    {
        var log = new List<string>();
        var accessor = new ConversationState(new MemoryStorage()).CreateProperty<DialogState>("s");
        var component = new ComponentDialog("component");
        component.AddDialog(new RecordingDialog("inner", log));
        var dc = await CreateContextAsync(new DialogSet(accessor).Add(component));

        await dc.BeginDialogAsync("component");
        var result = await dc.CancelAllDialogsAsync();

        Assert.Equal(DialogTurnStatus.Cancelled, result.Status);
        Assert.Empty(dc.Stack);
        Assert.Equal(["begin inner", "end inner CancelCalled"], log);
    }

    [Fact]
    public async Task PromptAsync_RequiresOptions_AndDialogSetRejectsDuplicateIds()
    {
        var set = new DialogSet(new ConversationState(new MemoryStorage()).CreateProperty<DialogState>("s")).Add(new TextPrompt("text"));
        var dc = await CreateContextAsync(set);

        await Assert.ThrowsAsync<ArgumentNullException>(() => dc.PromptAsync("text", null!));
        Assert.Throws<ArgumentException>(() => set.Add(new TextPrompt("text")));
        Assert.Same(set, set.Add(set.Find("text")!));
        await Assert.ThrowsAsync<InvalidOperationException>(() => new DialogSet().CreateContextAsync(dc.Context));
    }

    [Fact]
    public async Task RepromptDialogAsync_ReachesThePromptInsideNestedComponents_WithoutCountingAnAttempt()
    {
        var storage = new MemoryStorage();

        // An interruption handler as a bot would write it: answer "help", then ask the pending question again.
        async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var conversationState = new ConversationState(storage);
            var dialogs = new DialogSet(conversationState.CreateProperty<DialogState>(nameof(DialogState))).Add(TestDialogs.RootWithProfile());
            var dc = await dialogs.CreateContextAsync(turnContext, cancellationToken);
            if (turnContext.Activity.Text == "help")
            {
                await turnContext.SendActivityAsync("I need your profile.", cancellationToken: cancellationToken);
                await dc.RepromptDialogAsync(cancellationToken);
            }
            else if ((await dc.ContinueDialogAsync(cancellationToken)).Status == DialogTurnStatus.Empty)
            {
                await dc.BeginDialogAsync("root", null, cancellationToken);
            }

            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        }

        await new TestFlow(new TestAdapter(), OnTurnAsync)
            .Send("hi").AssertReply("What is your name?")
            .Send("Ada").AssertReply("Pick a colour.")
            .Send("help").AssertReply("I need your profile.").AssertReply("Pick a colour.")
            .Send("help").AssertReply("I need your profile.").AssertReply("Pick a colour.")
            .Send("help").AssertReply("I need your profile.").AssertReply("Pick a colour.")
            .Send("blue").AssertReply("Ada likes Blue?")
            .StartTestAsync();
    }

    private static async Task<DialogContext> CreateContextAsync(DialogSet set)
    {
        return await set.CreateContextAsync(DialogTestBot.TurnFor(new TestAdapter(), "hi"));
    }

    /// <summary>A dialog that waits forever and records what happens to it.</summary>
    private sealed class RecordingDialog(string id, List<string> log) : Dialog(id)
    {
        public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
        {
            log.Add($"begin {Id}");
            return Task.FromResult(EndOfTurn);
        }

        public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
        {
            log.Add($"resume {Id} {reason} {result}");
            return Task.FromResult(EndOfTurn);
        }

        public override Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
        {
            log.Add($"end {Id} {reason}");
            return Task.CompletedTask;
        }
    }
}
