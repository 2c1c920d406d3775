namespace Chatbot.Dialogs.Tests;

public sealed class WaterfallDialogTests
{
    [Fact]
    public async Task Steps_RunOnePerTurn_SharingValuesAndPassingResults()
    {
        var bot = new DialogTestBot(() =>
        {
            var root = new ComponentDialog("root");
            root.AddDialog(new WaterfallDialog("steps",
            [
                (step, ct) => step.PromptAsync("text", TestDialogs.Ask("First name?"), ct),
                async (step, ct) =>
                {
                    step.Values["first"] = step.Result!;
                    return await step.PromptAsync("text", TestDialogs.Ask("Last name?"), ct);
                },
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Hello {step.Values["first"]} {step.Result} (step {step.Index}).", cancellationToken: ct);
                    return await step.EndDialogAsync("done", ct);
                },
            ]));
            root.AddDialog(new TextPrompt("text"));
            return root;
        });

        await bot.Flow()
            .Send("hi").AssertReply("First name?")
            .Send("Ada").AssertReply("Last name?")
            .Send("Lovelace").AssertReply("Hello Ada Lovelace (step 2).")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, bot.LastResult.Status);
        Assert.Equal("done", bot.LastResult.Result);
    }

    [Fact]
    public async Task Step_ThatWaitsWithoutPrompt_ReceivesTheUsersTextNext()
    {
        var bot = new DialogTestBot(() => new WaterfallDialog("steps",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Say something.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"You said {step.Result} ({step.Reason}).", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));

        await bot.Flow()
            .Send("hi").AssertReply("Say something.")
            .Send("pancakes").AssertReply("You said pancakes (ContinueCalled).")
            .StartTestAsync();
    }

    [Fact]
    public async Task NextAsync_SkipsToTheNextStepInTheSameTurn_AndCannotBeCalledTwice()
    {
        InvalidOperationException? secondCall = null;
        var bot = new DialogTestBot(() => new WaterfallDialog("steps",
        [
            async (step, ct) =>
            {
                var result = await step.NextAsync("skipped", ct);
                secondCall = await Assert.ThrowsAsync<InvalidOperationException>(() => step.NextAsync(null, ct));
                return result;
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"{step.Result} {step.Reason} {step.Index}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));

        await bot.Flow().Send("hi").AssertReply("skipped NextCalled 1").StartTestAsync();

        Assert.NotNull(secondCall);
        Assert.Contains("steps[0]", secondCall.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_AreAvailableToEveryStep_AcrossTurns()
    {
        var bot = new DialogTestBot(() =>
        {
            var root = new ComponentDialog("root");
            root.AddDialog(new WaterfallDialog("start", [(step, ct) => step.BeginDialogAsync("steps", "from-parent", ct)]));
            root.AddDialog(new WaterfallDialog("steps",
            [
                (step, ct) => step.PromptAsync("text", TestDialogs.Ask($"Options: {step.Options}"), ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Still: {step.Options}", cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));
            root.AddDialog(new TextPrompt("text"));
            return root;
        });

        await bot.Flow()
            .Send("hi").AssertReply("Options: from-parent")
            .Send("ok").AssertReply("Still: from-parent")
            .StartTestAsync();
    }

    [Fact]
    public async Task NonMessageActivity_DoesNotAdvanceTheWaterfall()
    {
        var bot = new DialogTestBot(() => new WaterfallDialog("steps",
        [
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Waiting.", cancellationToken: ct);
                return Dialog.EndOfTurn;
            },
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync("Moved on.", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));

        await bot.Flow()
            .Send("hi").AssertReply("Waiting.")
            .Send(new Microsoft.Bot.Schema.Activity(Microsoft.Bot.Schema.ActivityTypes.Typing))
            .Send("next").AssertReply("Moved on.")
            .StartTestAsync();
    }

    [Fact]
    public async Task LastStep_WithoutEndDialog_EndsWithItsResult()
    {
        var bot = new DialogTestBot(() => new WaterfallDialog("steps", [(step, ct) => step.NextAsync(42, ct)]));

        await bot.Flow().Send("hi").StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, bot.LastResult.Status);
        Assert.Equal(42, bot.LastResult.Result);
    }

    [Fact]
    public void Constructor_RejectsBlankIdAndNullSteps()
    {
        Assert.Throws<ArgumentException>(() => new WaterfallDialog(" "));
        Assert.Throws<ArgumentNullException>(() => new WaterfallDialog("w").AddStep(null!));
    }
}
