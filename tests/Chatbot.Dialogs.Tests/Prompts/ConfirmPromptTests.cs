namespace Chatbot.Dialogs.Tests.Prompts;

public sealed class ConfirmPromptTests
{
    [Fact]
    public async Task Prompt_ShowsYesAndNoAsSuggestedActions()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new ConfirmPrompt("confirm"), TestDialogs.Ask("Continue?")));

        await bot.Flow()
            .Send("hi").AssertReply(activity =>
            {
                var message = activity.AsMessageActivity();
                Assert.Equal("Continue?", message.Text);
                Assert.Equal(["Yes", "No"], message.SuggestedActions.Actions.Select(a => a.Title));
            })
            .StartTestAsync();
    }

    [Theory]
    [InlineData("Yes", "yes")]
    [InlineData("y", "yes")]
    [InlineData("Yeah!", "yes")]
    [InlineData("sure", "yes")]
    [InlineData("OK", "yes")]
    [InlineData("yes please", "yes")]
    [InlineData("of course", "yes")]
    [InlineData("1", "yes")]
    [InlineData("no", "no")]
    [InlineData("N", "no")]
    [InlineData("nope", "no")]
    [InlineData("nah, thanks", "no")]
    [InlineData("no thanks", "no")]
    [InlineData("2", "no")]
    public async Task Answer_IsRecognized(string input, string expected)
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new ConfirmPrompt("confirm"), TestDialogs.Ask("Continue?")));

        await bot.Flow()
            .Send("hi").AssertReply("Continue?")
            .Send(input).AssertReply($"Result: {expected}")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("3")]
    [InlineData("what?")]
    public async Task UnclearAnswer_SendsTheRetryPrompt(string input)
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new ConfirmPrompt("confirm"), TestDialogs.Ask("Continue?", "Please answer yes or no.")));

        await bot.Flow()
            .Send("hi").AssertReply("Continue?")
            .Send(input).AssertReply(activity =>
            {
                Assert.Equal("Please answer yes or no.", activity.AsMessageActivity().Text);
                Assert.Equal(2, activity.AsMessageActivity().SuggestedActions.Actions.Count);
            })
            .Send("no").AssertReply("Result: no")
            .StartTestAsync();
    }

    [Fact]
    public async Task CustomConfirmChoices_AreShownAndRecognized()
    {
        var prompt = new ConfirmPrompt("confirm")
        {
            ConfirmChoices = Tuple.Create(new Choices.Choice("Oui"), new Choices.Choice("Non")),
        };
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(prompt, TestDialogs.Ask("Continuer ?")));

        await bot.Flow()
            .Send("hi").AssertReply(a => Assert.Equal(["Oui", "Non"], a.AsMessageActivity().SuggestedActions.Actions.Select(x => x.Title)))
            .Send("non").AssertReply("Result: no")
            .StartTestAsync();
    }
}
