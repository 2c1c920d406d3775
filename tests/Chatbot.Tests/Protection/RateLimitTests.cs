using System.Net;
using Chatbot.Conversation.Bots;
using Chatbot.Tests.DirectLine;
using Chatbot.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Chatbot.Tests.Protection;

/// <summary>
/// The limits of section <c>Protection</c>, with their defaults unless a test says otherwise: 7 activities a second per
/// conversation (Teams' limit) and a per-client budget, each answered with 429 and <c>Retry-After</c> when exceeded.
/// </summary>
public sealed class RateLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ABurstInOneConversation_OverSevenASecond_Gets429WithRetryAfter()
    {
        using var folder = new SqliteAppFolder();
        await using var app = Counting(folder.Settings());
        using var client = app.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            using var response = await client.PostAsync(Activities.Message($"burst {i}", "rate-burst", expectReplies: true));
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta);
        })));

        output.WriteLine($"20 at once in one conversation: {Summary(statuses.Select(s => s.Item1))}");
        // 7 in the first second; a burst that straddles a window boundary may get up to 7 more.
        Assert.InRange(statuses.Count(s => s.Item1 == 200), 7, 14);
        Assert.Equal(20, statuses.Count(s => s.Item1 is 200 or 429));
        Assert.All(statuses.Where(s => s.Item1 == 429), s => Assert.InRange(s.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task MessagesAtAPersonsPace_AndManyConversationsAtOnce_AreNeverLimited()
    {
        using var folder = new SqliteAppFolder();
        await using var app = Counting(folder.Settings());
        using var client = app.CreateClient();

        // 40 conversations with 5 messages each, all at once: 200 requests from one client, none over a limit.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).SelectMany(c => Enumerable.Range(0, 5).Select(m => Task.Run(async () =>
        {
            using var response = await client.PostAsync(Activities.Message($"message {m}", $"rate-many-{c}", expectReplies: true));
            return (int)response.StatusCode;
        }))));

        output.WriteLine($"200 requests in 40 conversations: {Summary(statuses)}");
        Assert.All(statuses, s => Assert.Equal(200, s));
    }

    [Fact]
    public async Task AClientOverItsBudget_Gets429WithRetryAfter_OnMessagesDirectLineAndAdmin()
    {
        using var folder = new SqliteAppFolder();
        await using var app = Counting(folder.Settings(("Protection:RequestsPerMinutePerClient", "5"), ("DirectLine:Enabled", "true"), ("Admin:ApiKey", "edge-admin-key-0123456789")));
        using var client = app.CreateClient();

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var ok = await client.PostAsync(Activities.Message($"message {i}", $"client-budget-{i}", expectReplies: true));
            statuses.Add((int)ok.StatusCode);
        }

        using var messages = await client.PostAsync(Activities.Message("one too many", "client-budget-x", expectReplies: true));
        using var directLine = await new DirectLineTestClient(client).SendAsync(HttpMethod.Post, "/v3/directline/conversations", "undefined");
        using var admin = await client.GetAsync("/admin/report");

        output.WriteLine($"budget 5 a minute: {Summary(statuses)}, then /api/messages {(int)messages.StatusCode}, /v3/directline {(int)directLine.StatusCode}, /admin/report {(int)admin.StatusCode}");
        Assert.All(statuses, s => Assert.Equal(200, s));
        foreach (var limited in new[] { messages, directLine, admin })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task ABurstInOneDirectLineConversation_Gets429WithRetryAfter()
    {
        using var folder = new SqliteAppFolder();
        await using var app = Counting(folder.Settings(("DirectLine:Enabled", "true")));
        using var http = app.CreateClient();
        var client = new DirectLineTestClient(http);
        await client.StartAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            using var response = await client.PostActivityAsync(new System.Text.Json.Nodes.JsonObject { ["type"] = "message", ["text"] = $"burst {i}" });
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta);
        })));

        output.WriteLine($"Direct Line, 20 at once in one conversation: {Summary(statuses.Select(s => s.Item1))}");
        Assert.InRange(statuses.Count(s => s.Item1 == 200), 7, 14);
        Assert.All(statuses.Where(s => s.Item1 != 200), s => Assert.Equal(429, s.Item1));
        Assert.All(statuses.Where(s => s.Item1 == 429), s => Assert.NotNull(s.Delta));
    }

    [Fact]
    public async Task ZeroTurnsALimitOff()
    {
        using var folder = new SqliteAppFolder();
        await using var app = Counting(folder.Settings(("Protection:MessagesPerSecondPerConversation", "0"), ("Protection:RequestsPerMinutePerClient", "0")));
        using var client = app.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            using var response = await client.PostAsync(Activities.Message($"burst {i}", "rate-off", expectReplies: true));
            return (int)response.StatusCode;
        })));

        Assert.All(statuses, s => Assert.Equal(200, s));
    }

    private static string Summary(IEnumerable<int> statuses)
        => string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()}×{g.Key}"));

    private static ChatbotAppFactory Counting(Dictionary<string, string?> settings)
        => new(settings, s => s.AddSingleton<IMessageHandler>(sp => new TurnCountingHandler(sp.GetRequiredService<ConversationState>(), new TurnCountingHandler.Calls())));
}
