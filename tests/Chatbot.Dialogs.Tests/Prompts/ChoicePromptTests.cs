using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Dialogs.Tests.Prompts;

public sealed class ChoicePromptTests
{
    [Fact]
    public async Task Prompt_ShowsTheChoicesAsSuggestedActions()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new ChoicePrompt("choice"), TestDialogs.Ask("Pick one.", null, "Red", "Green")));

        await bot.Flow()
            .Send("hi").AssertReply(activity =>
            {
                var message = activity.AsMessageActivity();
                Assert.Equal("Pick one.", message.Text);
                Assert.Equal(["Red", "Green"], message.SuggestedActions.Actions.Select(a => a.Title));
                Assert.All(message.SuggestedActions.Actions, a => Assert.Equal(ActionTypes.ImBack, a.Type));
            })
            .StartTestAsync();
    }

    [Theory]
    [InlineData("Blue", "Blue at 2")]
    [InlineData("  bLuE!  ", "Blue at 2")]
    [InlineData("2", "Green at 1")]
    [InlineData("second", "Green at 1")]
    [InlineData("the last one", "Blue at 2")]
    [InlineData("sky", "Blue at 2")]
    [InlineData("Crimson red", "Red at 0")]
    public async Task Input_PicksAChoice_ByTextNumberOrdinalSynonymOrActionTitle(string input, string expected)
    {
        var options = new PromptOptions
        {
            Prompt = MessageFactory.Text("Pick one."),
            Choices =
            [
                new Choice("Red") { Action = new CardAction(ActionTypes.ImBack, "Crimson red", value: "Red") },
                new Choice("Green"),
                new Choice("Blue") { Synonyms = ["sky", "navy"] },
            ],
        };
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new ChoicePrompt("choice"), options));

        await bot.Flow()
            .Send("hi").AssertReply("Pick one.")
            .Send(input).AssertReply($"Result: {expected}")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("purple")]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("I like red")]
    public async Task UnknownInput_SendsTheRetryPromptWithTheChoicesAgain(string input)
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new ChoicePrompt("choice"), TestDialogs.Ask("Pick one.", "Please pick Red, Green or Blue.", "Red", "Green", "Blue")));

        await bot.Flow()
            .Send("hi").AssertReply("Pick one.")
            .Send(input).AssertReply(activity =>
            {
                var message = activity.AsMessageActivity();
                Assert.Equal("Please pick Red, Green or Blue.", message.Text);
                Assert.Equal(3, message.SuggestedActions.Actions.Count);
            })
            .Send("red").AssertReply("Result: Red at 0")
            .StartTestAsync();
    }

    [Fact]
    public async Task Validator_CanRejectARecognizedChoice()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new ChoicePrompt("choice", (context, ct) => Task.FromResult(context.Recognized.Succeeded && context.Recognized.Value!.Value != "Sold out")),
            TestDialogs.Ask("Which one?", "That one is sold out, pick another.", "Sold out", "Available")));

        await bot.Flow()
            .Send("hi").AssertReply("Which one?")
            .Send("1").AssertReply("That one is sold out, pick another.")
            .Send("2").AssertReply("Result: Available at 1")
            .StartTestAsync();
    }

    [Theory]
    [InlineData(ListStyle.Inline, "Pick one. (1) Red, (2) Green, or (3) Blue")]
    [InlineData(ListStyle.List, "Pick one.\n\n   1. Red\n   2. Green\n   3. Blue")]
    [InlineData(ListStyle.None, "Pick one.")]
    public async Task Style_ChangesHowTheChoicesAreShown(ListStyle style, string expectedText)
    {
        var options = TestDialogs.Ask("Pick one.", null, "Red", "Green", "Blue");
        options.Style = style;
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(new ChoicePrompt("choice"), options));

        await bot.Flow()
            .Send("hi").AssertReply(activity =>
            {
                Assert.Equal(expectedText, activity.AsMessageActivity().Text);
                Assert.Null(activity.AsMessageActivity().SuggestedActions);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task HeroCardStyle_ShowsTheChoicesAsCardButtons()
    {
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new ChoicePrompt("choice") { Style = ListStyle.HeroCard }, TestDialogs.Ask("Pick one.", null, "Red", "Green")));

        await bot.Flow()
            .Send("hi").AssertReply(activity =>
            {
                var attachment = Assert.Single(activity.AsMessageActivity().Attachments);
                Assert.Equal(HeroCard.ContentType, attachment.ContentType);
                var card = Assert.IsType<HeroCard>(attachment.Content);
                Assert.Equal("Pick one.", card.Text);
                Assert.Equal(["Red", "Green"], card.Buttons.Select(b => b.Title));
            })
            .StartTestAsync();
    }
}
