using Chatbot.Browser.Tests.Browsers;
using Chatbot.Browser.Tests.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Chatbot.Browser.Tests.WebChat;

/// <summary>
/// The bot's own Web Chat page at <c>/</c>, through headless Chromium, as a visitor uses it: Web Chat 4.18 on the app's
/// local Direct Line endpoint, against the real app answering from a fake Ollama model.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatPageTests(ChatbotAppFixture bot, ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromMinutes(3);

    [BrowserFact]
    public async Task Page_AnswersWithSourcesAndAFlag_TakesFeedback_AndKeepsTheConversationOnReload()
    {
        await using var browser = await chromium.NewPageAsync();
        var app = await bot.GetAppAsync();
        var page = browser.Page;
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        try
        {
            var helpfulBefore = await HelpfulFeedbackAsync(http);
            await page.GotoAsync(app.BaseAddress.ToString());

            // The welcome arrives once Direct Line has started the conversation.
            var botMessages = page.Locator("[aria-roledescription='message']").Filter(new() { HasText = "GenAI Guide" });
            await Expect(botMessages.First).ToBeVisibleAsync(new() { Timeout = 60_000 });

            var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
            await sendBox.FillAsync(GanAnswer.Question);
            await sendBox.PressAsync("Enter");

            // The final answer: the model's text with its flagged sentence, the summary, the note, the sources and the label.
            var answer = page.Locator("[aria-roledescription='message']").Filter(new() { HasText = "statements could not be verified" }).Last;
            await Expect(answer).ToBeVisibleAsync(new() { Timeout = (float)s_answerTimeout.TotalMilliseconds });
            await Expect(answer).ToContainTextAsync(GanAnswer.TrueSentenceStart);
            await Expect(answer).ToContainTextAsync("⚠ " + GanAnswer.InventedSentenceStart);
            await Expect(answer).ToContainTextAsync("1 of 2 statements could not be verified");
            var source = answer.Locator("a[href^='https://']").Filter(new() { HasText = GanAnswer.SourceTitle });
            await Expect(source).ToBeVisibleAsync();
            await Expect(page.GetByText("AI generated").Last).ToBeVisibleAsync();

            // Thumbs up: Web Chat sends its feedback event, which the bot records in the journal with the answer it rates.
            var like = page.GetByRole(AriaRole.Button, new() { NameRegex = new("^like$", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).Last;
            await like.ClickAsync();
            await WaitForAsync(async () => await HelpfulFeedbackAsync(http) > helpfulBefore, TimeSpan.FromSeconds(30));
            Assert.Contains("Feedback (helpful) from directline; the rated answer was found", app.Output, StringComparison.Ordinal);

            // The picture for the README: the answer with its sources, flag and label.
            var screenshot = await Screenshots.SaveForDocsAsync(page, "webchat");
            output.WriteLine($"Screenshot: {screenshot}");

            // A reload reconnects to the same conversation: the question and the answer are still there.
            await page.ReloadAsync();
            await Expect(page.Locator("[aria-roledescription='message']").Filter(new() { HasText = GanAnswer.Question }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(page.Locator("[aria-roledescription='message']").Filter(new() { HasText = GanAnswer.TrueSentenceStart }).First).ToBeVisibleAsync();
            Assert.DoesNotContain(browser.ConsoleMessages, m => m.StartsWith("error", StringComparison.Ordinal));
        }
        catch
        {
            var artifact = await Screenshots.SaveArtifactAsync(page, "webchat-failure");
            output.WriteLine($"Screenshot of the failure: {artifact}");
            output.WriteLine(string.Join('\n', browser.ConsoleMessages));
            output.WriteLine(app.Tail());
            throw;
        }
    }

    /// <summary>Answers rated helpful today, as the admin report counts them from the journal.</summary>
    private static async Task<int> HelpfulFeedbackAsync(HttpClient http) =>
        (int)(await Admin.AdminReportPageTests.ReportAsync(http))["totals"]!["helpfulFeedback"]!;

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the journal to hold the feedback.");
            await Task.Delay(200);
        }
    }
}
