using System.Net;
using System.Text.Json.Nodes;
using Chatbot.Storage.Entities;
using Microsoft.Extensions.Logging;
using static Chatbot.Tests.Admin.AdminAppFactory;

namespace Chatbot.Tests.Admin;

/// <summary>/admin/report and /admin/transcripts/{id} on the real app, over its in-memory database.</summary>
public sealed class AdminEndpointTests
{
    private const string TeamsConversation = "a:1Xq-9z|29:abc@thread.tacv2;messageid=1733/x y";

    [Theory]
    [InlineData(null, "Send the admin key in the X-Api-Key header.")]
    [InlineData("", "Send the admin key in the X-Api-Key header.")]
    [InlineData("pilot-admin-key-7f3a9c21e4b9", "does not hold the admin key")]
    [InlineData("pilot-admin-key-7f3a9c21e4b8 ", "does not hold the admin key")]
    [InlineData("PILOT-ADMIN-KEY-7F3A9C21E4B8", "does not hold the admin key")]
    public async Task DataEndpoints_WithoutTheKey_Answer401(string? key, string detail)
    {
        await using var app = Create();
        using var client = app.CreateClient();

        foreach (var path in new[] { "/admin/report", "/admin/report?days=abc", "/admin/transcripts/c1" })
        {
            using var request = Get(path, key);
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DataEndpoints_WithTheKeyTwice_Answer401()
    {
        await using var app = Create();
        using var client = app.CreateClient();
        using var request = Get("/admin/report");
        request.Headers.Add("X-Api-Key", "another-guess-000000");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Report_WithTheKey_IsTheReportAsJson_WithEveryDayAndNumber()
    {
        await using var app = Create();
        using var client = app.CreateClient();
        await SeedAsync(
            app,
            Answer("a1", At(1, 9), "c1", helpful: true, sources: "Tokens\nContext windows"),
            Answer("a2", At(1, 10), "c1", flagged: 1, helpful: false, sources: "Tokens"),
            Repaired(Answer("a4", At(3, 7), "c1", sources: "Tokens"), "Tokens are <b>whole</b> words."),
            Answer("a3", At(3, 8), TeamsConversation, covered: false, question: "Is <script>alert(1)</script> covered?", channel: "msteams"),
            new HandoffEntry { ChannelId = "msteams", ConversationId = TeamsConversation, At = At(3, 8, 5), LastQuestion = "Is <script>alert(1)</script> covered?" },
            new TranscriptEntry { ChannelId = "webchat", ConversationId = "c9", Timestamp = At(2, 12), Type = "message", FromRole = "user", Json = "{}" });

        using var request = Get("/admin/report?from=2026-11-01&to=2026-11-03");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("2026-11-01", (string?)report["from"]);
        Assert.Equal("2026-11-03", (string?)report["to"]);
        Assert.NotNull(report["generatedAt"]);
        AssertCounts(report["totals"]!, conversations: 3, answers: 4, flagged: 1, notCovered: 1, helpful: 1, unhelpful: 1, handoffs: 1);
        Assert.Equal(1.0 / 4, (double)report["totals"]!["flagRate"]!, 10);
        Assert.Equal((1, 1), ((int)report["totals"]!["repairedAnswers"]!, (int)report["totals"]!["withheldSentences"]!));
        Assert.Equal([0, 0, 1], report["days"]!.AsArray().Select(d => (int)d!["withheldSentences"]!));
        var days = report["days"]!.AsArray();
        Assert.Equal(["2026-11-01", "2026-11-02", "2026-11-03"], days.Select(d => (string?)d!["date"]));
        AssertCounts(days[0]!, conversations: 1, answers: 2, flagged: 1, notCovered: 0, helpful: 1, unhelpful: 1, handoffs: 0);
        AssertCounts(days[1]!, conversations: 1, answers: 0, flagged: 0, notCovered: 0, helpful: 0, unhelpful: 0, handoffs: 0);
        AssertCounts(days[2]!, conversations: 2, answers: 2, flagged: 0, notCovered: 1, helpful: 0, unhelpful: 0, handoffs: 1);
        Assert.Equal("""[{"title":"Tokens","answers":3},{"title":"Context windows","answers":1}]""", report["topTopics"]!.ToJsonString());
        var withheld = Assert.Single(report["withheld"]!.AsArray())!;
        Assert.Equal(("Tokens are <b>whole</b> words.", "Unsupported", "No source says this.", "a4", "c1"),
            ((string?)withheld["text"], (string?)withheld["verdict"], (string?)withheld["reason"], (string?)withheld["answerId"], (string?)withheld["conversationId"]));
        var gap = Assert.Single(report["notCovered"]!.AsArray())!;
        Assert.Equal("Is <script>alert(1)</script> covered?", (string?)gap["question"]);
        Assert.Equal(1, (int)gap["count"]!);
        Assert.Equal(TeamsConversation, (string?)gap["lastConversationId"]);
        var handoff = Assert.Single(report["handoffs"]!.AsArray())!;
        Assert.Equal(TeamsConversation, (string?)handoff["conversationId"]);
        Assert.Equal("msteams", (string?)handoff["channelId"]);
    }

    [Fact]
    public async Task Report_WithoutAPeriod_CoversTheLast14DaysEndingTodayUtc()
    {
        await using var app = Create();
        using var client = app.CreateClient();

        using var request = Get("/admin/report");
        using var response = await client.SendAsync(request);

        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(today.ToString("yyyy-MM-dd"), (string?)report["to"]);
        Assert.Equal(today.AddDays(-13).ToString("yyyy-MM-dd"), (string?)report["from"]);
        Assert.Equal(14, report["days"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("days=0", "days")]
    [InlineData("days=367", "days")]
    [InlineData("days=abc", "days")]
    [InlineData("days=-3", "days")]
    [InlineData("days=1&days=2", "days")]
    [InlineData("days=7&from=2026-11-01", "days")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=01/11/2026", "from")]
    [InlineData("to=tomorrow", "to")]
    [InlineData("from=2026-11-05&to=2026-11-01", "from")]
    [InlineData("from=2025-01-01&to=2026-01-02", "from")]
    public async Task Report_WithABadPeriod_Answers400_NamingTheParameter(string query, string parameter)
    {
        await using var app = Create();
        using var client = app.CreateClient();

        using var request = Get("/admin/report?" + query);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The report period is not valid.", (string?)problem["title"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["errors"]![parameter]![0]));
    }

    [Theory]
    [InlineData("days=366", 366)]
    [InlineData("days=1", 1)]
    [InlineData("from=2026-11-01&to=2026-11-01", 1)]
    [InlineData("to=2026-11-30", 14)]
    [InlineData("from=2025-01-01&to=2026-01-01", 366)]
    public async Task Report_WithAGoodPeriod_HasOneEntryPerDay(string query, int days)
    {
        await using var app = Create();
        using var client = app.CreateClient();

        using var request = Get("/admin/report?" + query);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(days, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["days"]!.AsArray().Count);
    }

    [Fact]
    public async Task Transcript_OfATeamsStyleConversationId_EscapedAsABrowserDoes_IsItsActivitiesInOrder()
    {
        await using var app = Create();
        using var client = app.CreateClient();
        await SeedAsync(
            app,
            new TranscriptEntry { ChannelId = "msteams", ConversationId = TeamsConversation, Timestamp = At(3, 8), Type = "message", FromRole = "user", Json = """{"type":"message","text":"Is <script>alert(1)</script> covered?"}""" },
            new TranscriptEntry { ChannelId = "msteams", ConversationId = TeamsConversation, Timestamp = At(3, 8, 1), Type = "message", FromRole = "bot", Json = """{"type":"message","text":"I could not find that.","channelData":{"answerId":"a3"}}""" },
            new TranscriptEntry { ChannelId = "msteams", ConversationId = "a:1Xq-9z", Timestamp = At(3, 9), Type = "message", FromRole = "user", Json = """{"type":"message","text":"someone else"}""" });

        // What encodeURIComponent makes of the id: ':' '|' '@' ';' '/' and ' ' escaped.
        var escaped = Uri.EscapeDataString(TeamsConversation);
        Assert.Contains("%2F", escaped, StringComparison.Ordinal);
        using var request = Get("/admin/transcripts/" + escaped);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var transcript = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(TeamsConversation, (string?)transcript["conversationId"]);
        Assert.Equal("msteams", (string?)transcript["channelId"]);
        var activities = transcript["activities"]!.AsArray();
        Assert.Equal(["user", "bot"], activities.Select(a => (string?)a!["role"]));
        Assert.Equal("Is <script>alert(1)</script> covered?", (string?)activities[0]!["text"]);
        Assert.Equal("2026-11-03T08:00:00Z", (string?)activities[0]!["at"]);
        Assert.Null(activities[0]!["answerId"]);
        Assert.Equal("a3", (string?)activities[1]!["answerId"]);
    }

    [Fact]
    public async Task Transcript_OfAnUnknownConversation_Is404()
    {
        await using var app = Create();
        using var client = app.CreateClient();

        using var request = Get("/admin/transcripts/" + Uri.EscapeDataString("19:nobody@thread.v2"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No transcript.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]);
    }

    [Fact]
    public async Task TheKey_AppearsInNoLogLine_AtAnyLevel()
    {
        var logs = new CollectingLoggerProvider();
        await using var app = Create(logs);
        using var client = app.CreateClient();
        const string WrongKey = "wrong-guess-5d1e0b77aa";

        foreach (var (path, key) in new[] { ("/admin/report", Key), ("/admin/report?days=abc", Key), ("/admin/transcripts/c1", Key), ("/admin", Key), ("/admin/report", WrongKey), ("/admin/report", null) })
        {
            using var request = Get(path, key);
            using var response = await client.SendAsync(request);
        }

        var lines = logs.Lines;
        // The collector sees everything: the framework's Debug and Trace lines and the refusals.
        Assert.Contains(lines, l => l.Level == LogLevel.Trace);
        Assert.Contains(lines, l => l.Level == LogLevel.Debug && l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level == LogLevel.Warning && l.Text.Contains("did not hold the admin key", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level == LogLevel.Warning && l.Text.Contains("header was missing", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.Contains("Admin report for", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.Contains(WrongKey, StringComparison.Ordinal));
    }

    private static DateTime At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc);

    private static AnswerEntry Repaired(AnswerEntry answer, string withheld)
    {
        answer.Repaired = true;
        answer.Withheld = 1;
        answer.WithheldSentences = [new WithheldSentenceEntry { AnswerId = answer.AnswerId, At = answer.At, Text = withheld, Verdict = "Unsupported", Reason = "No source says this." }];
        return answer;
    }

    private static AnswerEntry Answer(string id, DateTime at, string conversation, bool covered = true, int flagged = 0, bool? helpful = null, string sources = "", string question = "What is a token?", string channel = "webchat") => new()
    {
        AnswerId = id,
        ChannelId = channel,
        ConversationId = conversation,
        At = at,
        Question = question,
        Covered = covered,
        Flagged = flagged,
        Sources = sources,
        Helpful = helpful,
    };

    private static void AssertCounts(JsonNode counts, int conversations, int answers, int flagged, int notCovered, int helpful, int unhelpful, int handoffs)
    {
        Assert.Equal(
            (conversations, answers, flagged, notCovered, helpful, unhelpful, handoffs),
            ((int)counts["conversations"]!, (int)counts["answers"]!, (int)counts["flaggedAnswers"]!, (int)counts["notCovered"]!, (int)counts["helpfulFeedback"]!, (int)counts["unhelpfulFeedback"]!, (int)counts["handoffs"]!));
    }
}
