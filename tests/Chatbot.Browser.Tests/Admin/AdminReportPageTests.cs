using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Chatbot.Browser.Tests.Browsers;
using Chatbot.Browser.Tests.Hosting;
using Chatbot.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Chatbot.Browser.Tests.Admin;

/// <summary>
/// The admin report page at <c>/admin</c>, through headless Chromium, after real conversations with the app over its
/// local Direct Line endpoint: the numbers a support lead reads must be the ones the conversations made.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminReportPageTests(ChatbotAppFixture bot, ChromiumFixture chromium, ITestOutputHelper output)
{
    /// <summary>
    /// A question within the bot's subject (so it is answered, not turned away as off-topic) that the knowledge base
    /// does not cover, with markup that must show as text.
    /// </summary>
    private const string UncoveredQuestion = "How many parameters does Claude 3 Opus have? <script>window.__adminXss = 1</script>";

    private static readonly TimeSpan s_journalTimeout = TimeSpan.FromSeconds(30);

    [BrowserFact]
    public async Task Report_ShowsTheConversationsJustHeld_WithCharts_TopicsGapsAndTheHandoffTranscript()
    {
        var app = await bot.GetAppAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(4) };
        // Other browser tests share the app: count from what is already there.
        var before = (await ReportAsync(http))["totals"]!;

        // Alice asks a question (the fake model's answer has one flagged sentence), dislikes the answer, then asks
        // what the knowledge base lacks (the model says so).
        var alice = new DirectLineUser(http, "admin-test-alice");
        await alice.StartAsync();
        var answer = await alice.AskAsync(GanAnswer.Question, "statements could not be verified");
        await alice.RateAsync(answer, helpful: false);
        bot.Model!.Enqueue(FakeChatScript.Text(NotCoveredAnswer));
        var gap = await alice.AskAsync(UncoveredQuestion, NotCoveredAnswer);
        // The model was asked, so the queued answer is used up and the next question gets the usual one.
        Assert.Contains(bot.Model.Requests, r => r.Path == "/api/chat" && r.Body.Contains("Claude 3 Opus", StringComparison.Ordinal));

        // Bob asks the same question and then for a person.
        var bob = new DirectLineUser(http, "admin-test-bob");
        await bob.StartAsync();
        await bob.AskAsync(GanAnswer.Question, "statements could not be verified");
        await bob.AskAsync("I'd like to talk to a person", "support team");

        var flaggedAnswers = 2 + (((string?)gap["text"])!.Contains("could not be verified", StringComparison.Ordinal) ? 1 : 0);
        var expected = new Dictionary<string, int>
        {
            ["conversations"] = (int)before["conversations"]! + 2,
            ["answers"] = (int)before["answers"]! + 3,
            ["flaggedAnswers"] = (int)before["flaggedAnswers"]! + flaggedAnswers,
            ["helpfulFeedback"] = (int)before["helpfulFeedback"]!,
            ["unhelpfulFeedback"] = (int)before["unhelpfulFeedback"]! + 1,
            ["handoffs"] = (int)before["handoffs"]! + 1,
            ["notCovered"] = (int)before["notCovered"]! + 1,
        };
        // The feedback event is handled after its POST returns: wait until the journal has everything.
        var report = await WaitForReportAsync(http, expected);
        output.WriteLine($"Report totals: {report["totals"]!.ToJsonString()}");

        await using var browser = await chromium.NewPageAsync();
        var page = browser.Page;
        try
        {
            await page.GotoAsync(new Uri(app.BaseAddress, "admin").ToString());
            await page.GetByLabel("Admin key").FillAsync(ChatbotAppFixture.AdminKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();

            // Ready once the numbers, the tables and the five charts are drawn.
            await Expect(page.Locator("body[data-state='ready'][data-charts='5']")).ToBeAttachedAsync();
            await Expect(page.Locator("#total-conversations")).ToHaveTextAsync(Number(expected["conversations"]));
            await Expect(page.Locator("#total-answers")).ToHaveTextAsync(Number(expected["answers"]));
            await Expect(page.Locator("#total-flag-rate")).ToHaveTextAsync(Percent(expected["flaggedAnswers"], expected["answers"]));
            await Expect(page.Locator("#total-flagged")).ToHaveTextAsync($"flagged ({Number(expected["flaggedAnswers"])} answers)");
            await Expect(page.Locator("#total-helpful")).ToHaveTextAsync(Number(expected["helpfulFeedback"]));
            await Expect(page.Locator("#total-unhelpful")).ToHaveTextAsync(Number(expected["unhelpfulFeedback"]));
            await Expect(page.Locator("#total-handoffs")).ToHaveTextAsync(Number(expected["handoffs"]));
            await Expect(page.Locator("#total-not-covered")).ToHaveTextAsync(Number(expected["notCovered"]));
            // This bot flags rather than repairs (Grounding:Policy=Flag): nothing is withheld by these turns.
            await Expect(page.Locator("#total-withheld")).ToHaveTextAsync(Number((int)report["totals"]!["withheldSentences"]!));
            foreach (var chart in new[] { "#chart-answers", "#chart-flag-rate", "#chart-feedback", "#chart-handoffs", "#chart-repairs" })
            {
                Assert.True(await page.Locator(chart).EvaluateAsync<int>("c => c.width * c.height") > 0, $"{chart} was not drawn");
            }

            // The source the answers cited is a top topic; the uncovered question is listed as typed, markup as text.
            await Expect(page.Locator("#topics tbody tr").Filter(new() { HasText = GanAnswer.SourceTitle })).ToHaveCountAsync(1);
            var gapRow = page.Locator("#not-covered tbody tr").First;
            await Expect(gapRow.Locator("td").First).ToHaveTextAsync(UncoveredQuestion);
            await Expect(page.Locator("#not-covered script")).ToHaveCountAsync(0);
            Assert.True(await page.EvaluateAsync<bool>("() => window.__adminXss === undefined"), "the question's script ran");

            // Bob's request is the most recent; its transcript shows what he said and the bot's answer with its id.
            var handoffRow = page.Locator("#handoffs tbody tr").First;
            await Expect(handoffRow).ToContainTextAsync(GanAnswer.Question);
            await handoffRow.GetByRole(AriaRole.Button, new() { Name = "Transcript" }).ClickAsync();
            var transcript = page.Locator("#transcript[data-state='ready']");
            await Expect(transcript).ToBeVisibleAsync();
            await Expect(page.Locator("#transcript-id")).ToHaveTextAsync("Conversation " + bob.ConversationId);
            await Expect(transcript.Locator(".activity--user").Filter(new() { HasText = "I'd like to talk to a person" })).ToHaveCountAsync(1);
            await Expect(transcript.Locator(".activity--bot").Filter(new() { HasText = GanAnswer.TrueSentenceStart }).Locator(".activity__meta")).ToContainTextAsync("answer ");

            // The picture for the README.
            await page.Locator("#transcript-close").ClickAsync();
            var screenshot = await Screenshots.SaveForDocsAsync(page, "admin-report");
            output.WriteLine($"Screenshot: {screenshot}");

            // The key stays for the tab: a reload shows the report without asking again.
            await page.ReloadAsync();
            await Expect(page.Locator("body[data-state='ready']")).ToBeAttachedAsync();
            await Expect(page.Locator("#unlock")).ToBeHiddenAsync();
            Assert.DoesNotContain(browser.ConsoleMessages, m => m.StartsWith("error", StringComparison.Ordinal));
        }
        catch
        {
            var artifact = await Screenshots.SaveArtifactAsync(page, "admin-report-failure");
            output.WriteLine($"Screenshot of the failure: {artifact}");
            output.WriteLine(string.Join('\n', browser.ConsoleMessages));
            output.WriteLine(app.Tail());
            throw;
        }
    }

    [BrowserFact]
    public async Task AWrongKey_IsRefused_AndTheKeyIsAskedForAgain()
    {
        var app = await bot.GetAppAsync();
        await using var browser = await chromium.NewPageAsync();
        var page = browser.Page;

        await page.GotoAsync(new Uri(app.BaseAddress, "admin").ToString());
        await page.GetByLabel("Admin key").FillAsync("not-the-admin-key-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();

        await Expect(page.Locator("body[data-state='locked']")).ToBeAttachedAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("That key was not accepted. Enter the admin key again.");
        await Expect(page.Locator("#report")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('chatbot-admin-key')"));
    }

    /// <summary>What the extractive composer says, and a model is told to say, when the sources do not answer.</summary>
    private const string NotCoveredAnswer = "My sources don't cover that question, so I can't answer it reliably.";

    private static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Percent(int part, int whole) => whole == 0 ? "–" : $"{(int)Math.Floor((100.0 * part / whole) + 0.5)}%";

    /// <summary>The admin report as JSON (the other browser tests read it to see what the app stored).</summary>
    internal static async Task<JsonNode> ReportAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("admin/report", UriKind.Relative));
        request.Headers.Add("X-Api-Key", ChatbotAppFixture.AdminKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"/admin/report answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static async Task<JsonNode> WaitForReportAsync(HttpClient http, Dictionary<string, int> expected)
    {
        var deadline = DateTime.UtcNow + s_journalTimeout;
        while (true)
        {
            var report = await ReportAsync(http);
            var totals = report["totals"]!;
            if (expected.All(e => (int)totals[e.Key]! == e.Value))
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The report's totals {totals.ToJsonString()} never matched what the conversations made: {string.Join(", ", expected.Select(e => $"{e.Key}={e.Value}"))}");
            await Task.Delay(250);
        }
    }
}
