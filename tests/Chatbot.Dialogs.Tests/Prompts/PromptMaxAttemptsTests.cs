using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs.Tests.Prompts;

/// <summary>
/// Our prompts give up after <see cref="Prompt{T}.MaxAttempts"/> invalid inputs (3 by default) and end
/// with a null result for the caller to handle, where Microsoft.Bot.Builder.Dialogs would retry forever.
/// </summary>
public sealed class PromptMaxAttemptsTests
{
    [Fact]
    public async Task ThreeInvalidInputs_EndThePromptWithANullResult_InsteadOfAThirdRetry()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", (context, ct) => Task.FromResult(context.Recognized.Value == "ok")),
            TestDialogs.Ask("Say ok.", "Please say ok.")));

        await bot.Flow()
            .Send("hi").AssertReply("Say ok.")
            .Send("a").AssertReply("Please say ok.")
            .Send("b").AssertReply("Please say ok.")
            .Send("c").AssertReply("Result: (none)")
            .StartTestAsync();

        Assert.Equal(DialogTurnStatus.Complete, bot.LastResult.Status);
        Assert.Null(bot.LastResult.Result);
    }

    [Fact]
    public async Task ValidInputOnTheThirdAttempt_IsAccepted()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new ConfirmPrompt("confirm"), TestDialogs.Ask("Continue?", "Yes or no?")));

        await bot.Flow()
            .Send("hi").AssertReply("Continue?")
            .Send("hmm").AssertReply("Yes or no?")
            .Send("perhaps").AssertReply("Yes or no?")
            .Send("no").AssertReply("Result: no")
            .StartTestAsync();
    }

    [Fact]
    public async Task GivingUpOnAConfirmPrompt_IsNotMistakenForNo()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new ConfirmPrompt("confirm"), TestDialogs.Ask("Continue?")));

        await bot.Flow()
            .Send("hi").AssertReply("Continue?")
            .Send("x").AssertReply("Continue?")
            .Send("y?z").AssertReply("Continue?")
            .Send("dunno").AssertReply("Result: (none)")
            .StartTestAsync();

        Assert.Null(bot.LastResult.Result);
    }

    [Fact]
    public async Task InvalidChoices_GiveUpAfterTheConfiguredNumberOfAttempts()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new ChoicePrompt("choice") { MaxAttempts = 1 }, TestDialogs.Ask("Pick one.", null, "Red", "Green")));

        await bot.Flow()
            .Send("hi").AssertReply("Pick one.")
            .Send("purple").AssertReply("Result: (none)")
            .StartTestAsync();
    }

    [Fact]
    public async Task NoMaxAttempts_RetriesForever_AsTheOfficialSdk()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", (context, ct) => Task.FromResult(context.Recognized.Value == "ok")) { MaxAttempts = null },
            TestDialogs.Ask("Say ok.")));

        var flow = bot.Flow().Send("hi").AssertReply("Say ok.");
        for (var i = 0; i < 5; i++)
        {
            flow = flow.Send($"wrong {i}").AssertReply("Say ok.");
        }

        await flow.Send("ok").AssertReply("Result: ok").StartTestAsync();
    }

    [Fact]
    public async Task NonMessageActivities_AreNotCountedAsAttempts()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", (context, ct) => Task.FromResult(context.Recognized.Value == "ok")),
            TestDialogs.Ask("Say ok.")));

        await bot.Flow()
            .Send("hi").AssertReply("Say ok.")
            .Send("a").AssertReply("Say ok.")
            .Send(new Activity(ActivityTypes.Typing))
            .Send(new Activity(ActivityTypes.Typing))
            .Send("b").AssertReply("Say ok.")
            .Send("ok").AssertReply("Result: ok")
            .StartTestAsync();
    }

    [Fact]
    public void MaxAttempts_DefaultsToThree_AndRejectsLessThanOne()
    {
        var prompt = new TextPrompt("text");

        Assert.Equal(Prompt<string>.DefaultMaxAttempts, prompt.MaxAttempts);
        Assert.Equal(3, prompt.MaxAttempts);
        Assert.Throws<ArgumentOutOfRangeException>(() => prompt.MaxAttempts = 0);
    }
}
