using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs.Tests.Prompts;

public sealed class TextPromptTests
{
    [Fact]
    public async Task Answer_IsReturnedAsTheResult_AndAPromptWithoutInputHintIsMarkedExpectingInput()
    {
        var options = new PromptOptions { Prompt = new Activity { Type = ActivityTypes.Message, Text = "Your name?" } };
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new TextPrompt("text"), options));

        await bot.Flow()
            .Send("hi").AssertReply(a =>
            {
                Assert.Equal("Your name?", a.AsMessageActivity().Text);
                Assert.Equal(InputHints.ExpectingInput, a.AsMessageActivity().InputHint);
            })
            .Send("Grace").AssertReply("Result: Grace")
            .StartTestAsync();
    }

    [Fact]
    public async Task InvalidInput_SendsTheRetryPrompt_AndAValidOneEndsThePrompt()
    {
        var attempts = new List<int>();
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", (context, ct) =>
            {
                attempts.Add(context.AttemptCount);
                return Task.FromResult(context.Recognized.Value!.Length >= 3);
            }),
            TestDialogs.Ask("Your name?", "At least three letters, please.")));

        await bot.Flow()
            .Send("hi").AssertReply("Your name?")
            .Send("Al").AssertReply("At least three letters, please.")
            .Send("Alan").AssertReply("Result: Alan")
            .StartTestAsync();

        Assert.Equal([1, 2], attempts);
    }

    [Fact]
    public async Task InvalidInput_WithoutRetryPrompt_AsksTheQuestionAgain()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", (context, ct) => Task.FromResult(context.Recognized.Value == "ok")),
            TestDialogs.Ask("Say ok.")));

        await bot.Flow()
            .Send("hi").AssertReply("Say ok.")
            .Send("no").AssertReply("Say ok.")
            .Send("ok").AssertReply("Result: ok")
            .StartTestAsync();
    }

    [Fact]
    public async Task Validator_ThatRepliesItself_SuppressesTheRetryPrompt()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", async (context, ct) =>
            {
                if (context.Recognized.Value!.Contains('@', StringComparison.Ordinal))
                {
                    return true;
                }

                await context.Context.SendActivityAsync("That is not an email address.", cancellationToken: ct);
                return false;
            }),
            TestDialogs.Ask("Your email?", "Your email, please?")));

        await bot.Flow()
            .Send("hi").AssertReply("Your email?")
            .Send("nope").AssertReply("That is not an email address.")
            .Send("a@b.c").AssertReply("Result: a@b.c")
            .StartTestAsync();
    }

    [Fact]
    public async Task Validator_SeesTheValidationsFromTheOptions()
    {
        var options = TestDialogs.Ask("Up to 5 characters?", "Too long.");
        options.Validations = 5L;
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", (context, ct) =>
                Task.FromResult(context.Recognized.Value!.Length <= Convert.ToInt32(context.Options.Validations, System.Globalization.CultureInfo.InvariantCulture))),
            options));

        await bot.Flow()
            .Send("hi").AssertReply("Up to 5 characters?")
            .Send("abcdefg").AssertReply("Too long.")
            .Send("abc").AssertReply("Result: abc")
            .StartTestAsync();
    }

    [Fact]
    public async Task BeginDialogAsync_WithOptionsOfAnotherType_Throws()
    {
        var bot = new DialogTestBot(() =>
        {
            var root = new ComponentDialog("root");
            root.AddDialog(new WaterfallDialog("w", [(step, ct) => step.BeginDialogAsync("text", "not options", ct)]));
            root.AddDialog(new TextPrompt("text"));
            return root;
        });

        await Assert.ThrowsAsync<ArgumentException>(() => bot.Flow().Send("hi").StartTestAsync());
    }
}
