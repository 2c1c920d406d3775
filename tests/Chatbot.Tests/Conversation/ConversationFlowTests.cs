using Chatbot.Storage;
using Chatbot.Tests.Fakes;
using Chatbot.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tests.Conversation;

/// <summary>Every intent end to end: Emulator-style HTTP turns through the real app, its dialogs, state and responder.</summary>
public sealed class ConversationFlowTests
{
    [Fact]
    public async Task GreetingAndHelp_SayWhatTheBotCovers_WithSuggestedQuestions()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "greet");

        var hello = await user.SendAsync("hi there");
        var help = await user.SayAsync("what can you do?");

        Assert.Contains("I explain generative AI", BotConversation.TextOf(hello), StringComparison.Ordinal);
        Assert.Equal(3, BotConversation.ActionsOf(hello).Count);
        Assert.Contains("compare two things", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_AnswersWithCitationsAndSources_AndAFollowUpAddsNewSentences()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "ask");

        var answer = await user.SayAsync("what is a generative adversarial network?");
        var more = await user.SayAsync("tell me more");

        Assert.Matches(@"\[\d\]", answer);
        Assert.Contains("**Sources**", answer, StringComparison.Ordinal);
        Assert.Contains("GAN", answer, StringComparison.Ordinal);
        Assert.Matches(@"\[\d\]", more);
        var firstSentence = answer.Split(" [", 2)[0];
        Assert.DoesNotContain(firstSentence, more, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_GivesASectionPerSubject()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "compare");

        var answer = await user.SayAsync("GANs vs diffusion models");

        Assert.Contains("**GANs:**", answer, StringComparison.Ordinal);
        Assert.Contains("**Diffusion models:**", answer, StringComparison.Ordinal);
        Assert.Matches(@"\[\d\]", answer);
    }

    [Fact]
    public async Task CheckClaim_ContradictsAWrongDate_QuotingTheSource()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "claim");

        var answer = await user.SayAsync("is it true that GPT-4 was released in 2021?");

        Assert.StartsWith("Contradicted", answer, StringComparison.Ordinal);
        Assert.Contains("2023", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetLevel_FollowsTheUserIntoANewConversation_ButNotToOtherUsers()
    {
        await using var app = new ChatbotAppFactory();
        var client = app.CreateClient();
        var alice = new BotConversation(client, "level-1", "alice");

        var set = await alice.SayAsync("explain like I'm five");
        var aliceLater = await new BotConversation(client, "level-2", "alice").SayAsync("what is tokenization?");
        var bob = await new BotConversation(client, "level-3", "bob").SayAsync("what is tokenization?");

        Assert.Contains("beginner level", set, StringComparison.Ordinal);
        Assert.True(Sentences(aliceLater) <= 2, $"a beginner answer has at most 2 sentences: {aliceLater}");
        Assert.True(Sentences(bob) > 2, $"another user keeps the standard level: {bob}");
    }

    [Fact]
    public async Task SetLevel_WithoutALevel_Asks_AndGivesUpAfterThreeInvalidAnswers()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "level-prompt");

        var asked = await user.SendAsync("change how you explain");
        var retry1 = await user.SayAsync("purple");
        var retry2 = await user.SayAsync("green");
        var gaveUp = await user.SayAsync("blue");
        var next = await user.SayAsync("what is tokenization?");

        Assert.Equal(["Beginner", "Standard", "Expert"], BotConversation.ActionsOf(asked));
        Assert.Contains("Please choose", retry1, StringComparison.Ordinal);
        Assert.Contains("Please choose", retry2, StringComparison.Ordinal);
        Assert.Contains("keep explaining at the level", gaveUp, StringComparison.Ordinal);
        Assert.Matches(@"\[\d\]", next); // the prompt is over: the next message is a question again
    }

    [Fact]
    public async Task ShowSources_ShowsThePassagesOfTheLastAnswer_AndNeverAnotherConversations()
    {
        await using var app = new ChatbotAppFactory();
        var client = app.CreateClient();
        var first = new BotConversation(client, "sources-1");

        await first.SayAsync("who made Stable Diffusion?");
        var sources = await first.SayAsync("show me the sources");
        var elsewhere = await new BotConversation(client, "sources-2").SayAsync("show me the sources");

        Assert.Contains("**Sources of my last answer**", sources, StringComparison.Ordinal);
        Assert.Contains("> ", sources, StringComparison.Ordinal);
        Assert.Contains("haven't answered a question yet", elsewhere, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_IsRecordedWithTheAnswerItIsAbout()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "feedback");

        await user.SayAsync("what is RLHF?");
        var asked = await user.SayAsync("that answer was not helpful");
        var thanks = await user.SayAsync("it did not mention InstructGPT");

        Assert.Contains("What was wrong or missing?", asked, StringComparison.Ordinal);
        Assert.Contains("noted your feedback", thanks, StringComparison.Ordinal);
        await using var database = app.Services.GetRequiredService<ChatbotDatabase>().CreateContext();
        var answer = await database.Answers.SingleAsync(a => a.ChannelId == "emulator" && a.ConversationId == "feedback");
        Assert.False(answer.Helpful);
        Assert.Equal("it did not mention InstructGPT", answer.FeedbackComment);
        Assert.Equal("what is RLHF?", answer.Question);
        Assert.NotNull(answer.FeedbackAt);
        Assert.True(answer.Sentences > 0);
    }

    [Fact]
    public async Task Handoff_SendsAHandoffEventWithTheTranscript_AndTellsTheUser()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "handoff");

        await user.SayAsync("what is a token?");
        var replies = await user.SendAsync("I want to talk to a real person");

        var handoff = Assert.Single(replies, r => (string?)r!["type"] == "event");
        Assert.Equal("handoff.initiate", (string?)handoff!["name"]);
        Assert.Equal("support", (string?)handoff["value"]!["skill"]);
        Assert.Contains("Transcript", (string?)handoff["attachments"]![0]!["name"], StringComparison.Ordinal);
        Assert.Contains("support team", BotConversation.TextOf(replies), StringComparison.Ordinal);
        await using var database = app.Services.GetRequiredService<ChatbotDatabase>().CreateContext();
        var recorded = await database.Handoffs.SingleAsync(h => h.ConversationId == "handoff");
        Assert.True(recorded.Delivered);
        Assert.Equal("what is a token?", recorded.LastQuestion);
    }

    [Fact]
    public async Task Handoff_OnAChannelThatRejectsTheEvent_TellsTheUserToContactSupport_InsteadOfFailing()
    {
        // Teams (and the Agents Playground's Teams channel) answer a handoff event with 400.
        await using var connector = await FakeConnectorServer.StartAsync();
        connector.RejectEvents = true;
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(Activities.Message("talk to a human", "handoff-teams", serviceUrl: connector.ServiceUrl.ToString()));
        var replies = await connector.WaitForRepliesAsync(1, TimeSpan.FromSeconds(30));

        Assert.True(response.IsSuccessStatusCode);
        var reply = Assert.Single(replies);
        Assert.Contains("contact our support team directly", reply.Text, StringComparison.Ordinal);
        await using var database = app.Services.GetRequiredService<ChatbotDatabase>().CreateContext();
        var recorded = await database.Handoffs.SingleAsync(h => h.ConversationId == "handoff-teams");
        Assert.False(recorded.Delivered);
        Assert.Null(recorded.LastQuestion);
    }

    [Fact]
    public async Task Reset_AsksFirst_AndOnlyYesClearsTheConversation()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "reset");

        await user.SayAsync("what is a diffusion model?");
        var confirm = await user.SendAsync("start over");
        var kept = await user.SayAsync("no");
        var stillThere = await user.SayAsync("show me the sources");
        await user.SayAsync("reset");
        var cleared = await user.SayAsync("yes");
        var gone = await user.SayAsync("show me the sources");

        Assert.Equal(["Yes", "No"], BotConversation.ActionsOf(confirm));
        Assert.Contains("keep our conversation", kept, StringComparison.Ordinal);
        Assert.Contains("Sources of my last answer", stillThere, StringComparison.Ordinal);
        Assert.Contains("starting fresh", cleared, StringComparison.Ordinal);
        Assert.Contains("haven't answered a question yet", gone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfirmationPrompt_SurvivesARestart()
    {
        // Two app instances over one store: the second one is the restarted bot.
        var storage = new MemoryStorage();
        string cleared;
        await using (var before = new ChatbotAppFactory(services: s => s.AddSingleton<IStorage>(storage)))
        {
            var user = new BotConversation(before.CreateClient(), "restart");
            await user.SayAsync("what is a token?");
            await user.SayAsync("reset");
        }

        await using (var after = new ChatbotAppFactory(services: s => s.AddSingleton<IStorage>(storage)))
        {
            cleared = await new BotConversation(after.CreateClient(), "restart").SayAsync("yes");
        }

        Assert.Contains("starting fresh", cleared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThanksAndOutOfScope_AreAnsweredWithoutInventingAnything()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "misc");

        var thanks = await user.SayAsync("thanks a lot");
        var weather = await user.SendAsync("what's the weather in Paris tomorrow?");

        Assert.Contains("You're welcome", thanks, StringComparison.Ordinal);
        Assert.Contains("outside what I cover", BotConversation.TextOf(weather), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\[\d\]", BotConversation.TextOf(weather));
        Assert.Equal(3, BotConversation.ActionsOf(weather).Count);
    }

    [Fact]
    public async Task WhenUnsure_TheBotOffersTheTwoLikeliestIntents_AndActsOnTheChoice()
    {
        // Thresholds no recognition and no passage reach make every message a clarification.
        await using var app = new ChatbotAppFactory(new Dictionary<string, string?>
        {
            ["Intents:ConfidenceThreshold"] = "1",
        });
        var user = new BotConversation(app.CreateClient(), "clarify");

        var question = await user.SendAsync("what is a generative adversarial network?");
        var answer = await user.SayAsync("Answer it as a question");

        Assert.Contains("Did you mean", BotConversation.TextOf(question), StringComparison.Ordinal);
        Assert.Contains("Answer it as a question", BotConversation.ActionsOf(question));
        Assert.Equal(2, BotConversation.ActionsOf(question).Count);
        Assert.Matches(@"\[\d\]", answer);
    }

    [Fact]
    public async Task WhenUnsure_AReplyThatIsNoChoice_IsHandledAsANewMessage()
    {
        // Every classified message is a clarification; a rule's command (a level) is not.
        await using var app = new ChatbotAppFactory(new Dictionary<string, string?> { ["Intents:ConfidenceThreshold"] = "1" });
        var user = new BotConversation(app.CreateClient(), "clarify-typed");

        var question = await user.SendAsync("what is a generative adversarial network?");
        var reply = await user.SayAsync("explain like I'm five");

        Assert.Contains("Did you mean", BotConversation.TextOf(question), StringComparison.Ordinal);
        Assert.DoesNotContain("pick one of the options", reply, StringComparison.Ordinal);
        Assert.Contains("beginner", reply, StringComparison.OrdinalIgnoreCase);
    }

    private static int Sentences(string answer)
        => System.Text.RegularExpressions.Regex.Count(answer.Split("**Sources**")[0], @"[.?!](?:\s*\[[\d, ]+\])?(?:\s|$)");
}
