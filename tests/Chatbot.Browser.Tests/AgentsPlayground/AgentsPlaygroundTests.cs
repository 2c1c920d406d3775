using System.Diagnostics;
using System.Text.RegularExpressions;
using Chatbot.Browser.Tests.Browsers;
using Chatbot.Browser.Tests.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Chatbot.Browser.Tests.AgentsPlayground;

/// <summary>
/// The bot in the Microsoft 365 Agents Playground on the Teams channel (a personal chat), through headless Chromium:
/// what a developer sees and clicks, against the real app answering from a fake Ollama model.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AgentsPlaygroundTests(ChatbotAppFixture bot, ChromiumFixture chromium, ITestOutputHelper output)
{
    /// <summary>How long one answer may take to show: retrieval, a streamed model answer, the hallucination check, on two busy cores.</summary>
    private static readonly TimeSpan _answerTimeout = TimeSpan.FromMinutes(3);

    [PlaygroundFact]
    public async Task Teams_AnswerShowsCitationsFlagAndAiLabel_AndALikeIsAccepted()
    {
        await using var browser = await chromium.NewPageAsync();
        var app = await bot.GetAppAsync();
        await using var playground = await PlaygroundServer.StartAsync(app.MessagesEndpoint, channelId: "msteams");
        var page = browser.Page;
        var clock = Stopwatch.StartNew();
        try
        {
            var chat = await PlaygroundPage.OpenAsync(page, playground.Address);

            // The welcome, sent when the Playground adds the user to the conversation, with its starter questions.
            await Expect(chat.BotMessage("Hi, I'm GenAI Guide")).ToBeVisibleAsync();
            await Expect(chat.SuggestedAction("What is generative AI?")).ToBeVisibleAsync();

            await chat.SendAsync(GanAnswer.Question);
            var answer = chat.Answers.Last;
            await Expect(answer).ToBeVisibleAsync(new() { Timeout = (float)_answerTimeout.TotalMilliseconds });

            // The model's answer, with the invented sentence flagged and the summary line.
            await Expect(answer).ToContainTextAsync(GanAnswer.TrueSentenceStart);
            await Expect(answer).ToContainTextAsync("⚠ " + GanAnswer.InventedSentenceStart);
            await Expect(answer).ToContainTextAsync("1 of 2 statements could not be verified");
            Assert.Contains(bot.Model!.Requests, r => r.Path == "/api/chat" && r.Body.Contains(GanAnswer.Question, StringComparison.Ordinal));

            // Teams' rendering of the schema.org Message entity: the label, and each [n] as a citation marker.
            await Expect(PlaygroundPage.AiLabel(answer)).ToBeVisibleAsync();
            var markers = PlaygroundPage.CitationMarkers(answer);
            Assert.True(await markers.CountAsync() >= 2, $"Expected a citation marker after each sentence, found {await markers.CountAsync()}.");
            Assert.All(await markers.AllInnerTextsAsync(), text => Assert.Equal("1", text.Trim()));

            // The marker's pop-up: the source's name and, since a flagged sentence cites it, what is wrong.
            var popup = await chat.OpenCitationAsync(markers.Nth(1));
            await Expect(popup).ToContainTextAsync(GanAnswer.SourceTitle);
            await Expect(popup).ToContainTextAsync("⚠");
            await Expect(popup.Locator("a[href^='https://']")).ToBeVisibleAsync();
            await Screenshots.SaveArtifactAsync(page, "playground-citation");
            await chat.DismissPopupAsync();
            await Expect(popup).ToBeHiddenAsync();

            // The answer was streamed: the Playground logged the informative update and a partial text before the final message.
            await Expect(chat.LogEntries.Filter(new() { HasTextRegex = StreamUpdate("Searching the knowledge base") })).Not.ToHaveCountAsync(0);
            await Expect(chat.LogEntries.Filter(new() { HasTextRegex = StreamUpdate("A generative adversarial network") })).Not.ToHaveCountAsync(0);

            // Thumbs up, then the feedback form; the bot answers the message/submitAction invoke with 200.
            await PlaygroundPage.LikeButton(answer).ClickAsync();
            await Expect(chat.FeedbackForm).ToBeVisibleAsync();
            await chat.FeedbackForm.Locator("textarea").FillAsync("Clear, and the flag on the made-up inventor is useful.");
            await chat.FeedbackForm.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            await Expect(chat.FeedbackThanks).ToBeVisibleAsync();
            await Expect(chat.LogEntries.Filter(new() { HasTextRegex = InvokeAccepted() })).ToHaveCountAsync(1);
            await chat.FeedbackThanks.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

            // Nothing the Playground flags as a warning or error (unsupported features, failed calls).
            Assert.Empty(await chat.LogEntries.Filter(new() { HasTextRegex = LogProblem() }).AllInnerTextsAsync());

            // The picture for the README: the answer with its label, markers and flag, and the log with the invoke.
            var screenshot = await Screenshots.SaveForDocsAsync(page, "playground");
            output.WriteLine($"Screenshot: {screenshot} (and {Screenshots.ArtifactFolder}); browser steps took {clock.Elapsed.TotalSeconds:0.0} s.");
        }
        catch
        {
            var artifact = await Screenshots.SaveArtifactAsync(page, "playground-failure");
            output.WriteLine($"Screenshot of the failure: {artifact}");
            output.WriteLine(string.Join('\n', browser.ConsoleMessages.Where(m => !m.Contains("ERR_BLOCKED_BY_CLIENT", StringComparison.Ordinal))));
            output.WriteLine(playground.Tail());
            output.WriteLine(app.Tail());
            throw;
        }
    }

    /// <summary>A log entry for a streaming activity the bot sent and the Playground took: "typing 201 …text".</summary>
    private static Regex StreamUpdate(string text) => new($@"User Application\s*->\s*Microsoft 365 Agents Playground\s*typing 20\d\s*{Regex.Escape(text)}");

    [GeneratedRegex(@"Microsoft 365 Agents Playground\s*->\s*User Application\s*invoke 200")]
    private static partial Regex InvokeAccepted();

    [GeneratedRegex(@"\(!\)|\berror\b|\bwarning\b|(?:installationUpdate|conversationUpdate|message|typing|invoke) [45]\d\d", RegexOptions.IgnoreCase)]
    private static partial Regex LogProblem();
}
