using Microsoft.Bot.Builder.Adapters;

namespace Chatbot.Dialogs.Tests;

public sealed class ComponentDialogTests
{
    [Fact]
    public async Task NestedComponent_RunsItsInnerDialogs_AndReturnsItsResultToTheParent()
    {
        var bot = new DialogTestBot(() => TestDialogs.RootWithProfile());

        await bot.Flow()
            .Send("hi").AssertReply("What is your name?")
            .Send("Ada").AssertReply("Pick a colour.")
            .Send("green").AssertReply("Ada likes Green?")
            .Send("yes").AssertReply("Saved Ada/Green.")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, bot.LastResult.Status);
        Assert.Equal("Ada/Green", bot.LastResult.Result);
    }

    [Fact]
    public async Task InnerStack_IsPersistedInsideTheComponentsInstance_NotOnTheRootStack()
    {
        var bot = new DialogTestBot(() => TestDialogs.RootWithProfile());
        var adapter = new TestAdapter();

        await bot.Flow(adapter).Send("hi").AssertReply("What is your name?").StartTestAsync();

        var root = Assert.Single((await bot.ReadStateAsync(adapter)).DialogStack);
        Assert.Equal("root", root.Id);
        var rootInner = Assert.IsType<DialogState>(root.State[ComponentDialog.PersistedDialogState]);
        Assert.Equal(["profile", "root-steps"], rootInner.DialogStack.Select(d => d.Id));
        var profileInner = Assert.IsType<DialogState>(rootInner.DialogStack[0].State[ComponentDialog.PersistedDialogState]);
        Assert.Equal(["name", "profile-steps"], profileInner.DialogStack.Select(d => d.Id));
    }

    [Fact]
    public async Task InitialDialogId_DefaultsToTheFirstDialogAdded_AndCanBeChanged()
    {
        var component = new ComponentDialog("c");
        component.AddDialog(new TextPrompt("first")).AddDialog(new TextPrompt("second"));
        Assert.Equal("first", component.InitialDialogId);
        Assert.NotNull(component.FindDialog("second"));

        component.InitialDialogId = "second";
        var bot = new DialogTestBot(() => component);
        await bot.Flow().Send("hi").StartTestAsync();

        Assert.Equal(DialogTurnStatus.Waiting, bot.LastResult.Status);
    }

    [Fact]
    public async Task Component_WhoseInnerDialogCompletesAtOnce_EndsInTheSameTurn()
    {
        var bot = new DialogTestBot(() =>
        {
            var component = new ComponentDialog("c");
            component.AddDialog(new WaterfallDialog("w", [(step, ct) => step.EndDialogAsync("instant", ct)]));
            return component;
        });

        await bot.Flow().Send("hi").StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, bot.LastResult.Status);
        Assert.Equal("instant", bot.LastResult.Result);
    }

    [Fact]
    public async Task Component_WithoutDialogs_FailsClearly()
    {
        var bot = new DialogTestBot(() => new ComponentDialog("empty"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bot.Flow().Send("hi").StartTestAsync());

        Assert.Contains("InitialDialogId", error.Message, StringComparison.Ordinal);
    }
}
