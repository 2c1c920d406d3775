using Chatbot.Conversation.Answering;
using Chatbot.Conversation.Welcome;
using Chatbot.Knowledge;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Welcome;

public sealed class BotIntroductionTests
{
    [Fact]
    public void OutsideAPilot_TheGuideIntroducesItselfAsBefore()
    {
        var introduction = Create(new BotOptions { DisplayName = "Guide", Description = "ignored outside a pilot" }, pilot: false);

        Assert.False(introduction.IsPilot);
        Assert.Equal(WelcomeMessage.Create("Guide").Text, introduction.Welcome().Text);
        Assert.Contains("generative AI", introduction.Help(greeting: true).Text, StringComparison.Ordinal);
        Assert.Equal(WelcomeMessage.StarterQuestions, introduction.OutOfScope().SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public void APilot_DescribesItselfInTheConfiguredWords_AndOffersItsOwnQuestions()
    {
        var introduction = Create(
            new BotOptions { DisplayName = "Harbour Help", Description = " the Kessel island ferry and its lighthouse. ", StarterQuestions = ["When does the first ferry leave?"] },
            pilot: true);

        var welcome = introduction.Welcome();

        Assert.StartsWith("Hi, I'm Harbour Help. I answer questions about the Kessel island ferry and its lighthouse.", welcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("generative AI", welcome.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["When does the first ferry leave?"], welcome.SuggestedActions.Actions.Select(a => a.Title));
        Assert.DoesNotContain("generative AI", introduction.Help(greeting: false).Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("generative AI", introduction.Thanks(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("generative AI", introduction.TextOnly(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal([QuestionAnswerer.HandoffOffer], introduction.OutOfScope().SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public void APilotWithoutDescriptionOrIndex_SaysItAnswersFromItsPages_WithNoButtons()
    {
        var welcome = Create(new BotOptions(), pilot: true).Welcome();

        Assert.Contains("I answer questions from the pages I was given.", welcome.Text, StringComparison.Ordinal);
        Assert.Null(welcome.SuggestedActions);
    }

    private static BotIntroduction Create(BotOptions bot, bool pilot) => new(
        Options.Create(bot),
        Options.Create(new KnowledgeOptions { DocumentFolders = pilot ? ["pages"] : [] }));
}
