using Chatbot.AI.Understanding;
using Chatbot.Conversation.Answering;
using Chatbot.Conversation.Intents;
using Chatbot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatbot.Tests.Conversation;

/// <summary>
/// A pilot end to end: the real app over a made-up pilot's pages (no built-in articles), through /api/messages. Where a test
/// is about routing, the intent recognizer is replaced by one that reads every message as the test says, so that what is
/// checked is what the dialog does with a reading, not what the classifier thinks of a sentence.
/// </summary>
public sealed class PilotConversationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pilot-conversation-" + Guid.NewGuid().ToString("N"));

    public PilotConversationTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "builtin"));
        var pages = Path.Combine(_folder, "pages");
        Directory.CreateDirectory(pages);
        File.WriteAllText(Path.Combine(pages, "ferry.md"), """
            # Kessel island ferry timetable

            The ferry to Kessel island leaves the Brannock pier at 07:40, 12:15 and 18:30 every day except Tuesdays. The crossing takes 55 minutes, and bicycles travel free on the lower deck.
            """);
        File.WriteAllText(Path.Combine(pages, "lighthouse.md"), """
            # Lighthouse keeping rota

            Keepers of the Kessel lighthouse work shifts of twelve hours, changing over at eight in the morning and eight in the evening. The lamp is cleaned every Sunday before the evening shift starts.
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Welcome_NamesThePilotsPages_NotGenerativeAI()
    {
        await using var app = Pilot();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(Activities.MembersAdded("pilot-welcome"));

        var welcome = (string?)Assert.Single(await response.ReadRepliesAsync())!["text"];
        Assert.Contains("Kessel island ferry timetable and Lighthouse keeping rota", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("generative AI", welcome, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HelpAndWelcome_UseTheConfiguredDescriptionAndStarterQuestions()
    {
        await using var app = Pilot(new()
        {
            ["Bot:Description"] = "the Kessel island ferry and its lighthouse",
            ["Bot:StarterQuestions:0"] = "When does the first ferry leave?",
        });
        var user = new BotConversation(app.CreateClient(), "pilot-help");

        var help = await user.SendAsync("what can you do?");

        Assert.Contains("I answer questions about the Kessel island ferry and its lighthouse.", BotConversation.TextOf(help), StringComparison.Ordinal);
        Assert.DoesNotContain("generative AI", BotConversation.TextOf(help), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["When does the first ferry leave?"], BotConversation.ActionsOf(help));
    }

    [Fact]
    public async Task AQuestionReadAsOutOfScope_ThatThePagesCover_IsAnsweredFromThem()
    {
        await using var app = Pilot(reading: new IntentResult(Intent.OutOfScope, 0.8) { RunnerUp = Intent.Ask, RunnerUpConfidence = 0.1, IsConfident = true });
        var user = new BotConversation(app.CreateClient(), "pilot-covered");

        var replies = await user.SendAsync("what time does the ferry to Kessel island leave Brannock pier?");

        var text = BotConversation.TextOf(replies);
        Assert.Contains("07:40", text, StringComparison.Ordinal);
        Assert.Contains("[1]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionAnswerer.HandoffOffer, BotConversation.ActionsOf(replies));
    }

    [Fact]
    public async Task AQuestionReadAsOutOfScope_ThatThePagesDoNotCover_GetsNotCoveredAndAPerson()
    {
        await using var app = Pilot(reading: new IntentResult(Intent.OutOfScope, 0.8) { RunnerUp = Intent.Ask, RunnerUpConfidence = 0.1, IsConfident = true });
        var user = new BotConversation(app.CreateClient(), "pilot-uncovered");

        var replies = await user.SendAsync("do you sell gift cards for the ferry?");

        Assert.DoesNotContain("generative AI", BotConversation.TextOf(replies), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\[\d\]", BotConversation.TextOf(replies));
        Assert.Contains(QuestionAnswerer.HandoffOffer, BotConversation.ActionsOf(replies));
    }

    [Fact]
    public async Task SmallTalk_GetsAShortReplyAndAPerson_WithoutQuotingThePages()
    {
        await using var app = Pilot(reading: new IntentResult(Intent.OutOfScope, 0.99) { RunnerUp = Intent.Greeting, RunnerUpConfidence = 0.01, IsConfident = true });
        var user = new BotConversation(app.CreateClient(), "pilot-small-talk");

        // Words of the pages, so that a search would find them: the short reply must not quote them.
        var replies = await user.SendAsync("tell me a joke about the lighthouse keepers");

        var text = BotConversation.TextOf(replies);
        Assert.StartsWith("Sorry, I can't help with that.", text, StringComparison.Ordinal);
        Assert.Contains("Kessel island ferry timetable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("twelve hours", text, StringComparison.Ordinal);
        Assert.Equal([QuestionAnswerer.HandoffOffer], BotConversation.ActionsOf(replies));
    }

    [Fact]
    public async Task UnsureBetweenAQuestionAndHelp_APilotAnswersInsteadOfAsking()
    {
        await using var app = Pilot(reading: new IntentResult(Intent.Help, 0.5) { RunnerUp = Intent.Ask, RunnerUpConfidence = 0.4, IsConfident = false });
        var user = new BotConversation(app.CreateClient(), "pilot-unsure");

        var text = await user.SayAsync("can you tell me when the lamp of the Kessel lighthouse is cleaned?");

        Assert.DoesNotContain("Did you mean one of these?", text, StringComparison.Ordinal);
        Assert.Contains("Sunday", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideAPilot_OutOfScopeKeepsTheGuidesReply()
    {
        await using var app = new ChatbotAppFactory(services: services => Read(services, new IntentResult(Intent.OutOfScope, 0.8) { RunnerUp = Intent.Ask, IsConfident = true }));
        var user = new BotConversation(app.CreateClient(), "guide-out-of-scope");

        var replies = await user.SendAsync("what's the weather in Paris tomorrow?");

        Assert.Contains("outside what I cover", BotConversation.TextOf(replies), StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionAnswerer.HandoffOffer, BotConversation.ActionsOf(replies));
    }

    /// <summary>The app as a pilot of the made-up pages, with an index of its own; <paramref name="reading"/> replaces intent recognition.</summary>
    private ChatbotAppFactory Pilot(Dictionary<string, string?>? settings = null, IntentResult? reading = null)
    {
        settings ??= [];
        settings["Knowledge:IndexPath"] = Path.Combine(_folder, "index");
        settings["Knowledge:BuiltInPath"] = Path.Combine(_folder, "builtin");
        settings["Knowledge:DocumentFolders:0"] = Path.Combine(_folder, "pages");
        settings["Knowledge:ChunkMinWords"] = "10";
        return new ChatbotAppFactory(settings, reading is null ? null : services => Read(services, reading));
    }

    private static void Read(IServiceCollection services, IntentResult reading) =>
        services.Replace(ServiceDescriptor.Singleton<IIntentRecognizer>(new FixedReading(reading)));

    /// <summary>Reads every message as one given intent.</summary>
    private sealed class FixedReading(IntentResult reading) : IIntentRecognizer
    {
        public Task<IntentResult> RecognizeAsync(MessageAnalysis analysis, CancellationToken cancellationToken = default) => Task.FromResult(reading);
    }
}
