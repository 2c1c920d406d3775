using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Chatbot.Tests.DirectLine;
using Chatbot.Tests.Hosting;
using Xunit.Abstractions;

namespace Chatbot.Tests.Protection;

/// <summary>
/// Hostile input against the real app on SQLite, as users run it: every payload gets a 4xx with a reason or is
/// answered politely; none gets a 5xx, and the bot still answers afterwards.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> s_limitsOff = new()
    {
        // Hundreds of requests from one test client in seconds: the limits have their own tests.
        ["Protection:RequestsPerMinutePerClient"] = "0",
        ["DirectLine:Enabled"] = "true",
    };

    [Fact]
    public async Task HostilePayloads_ToApiMessages_GetA4xxOrAPoliteReply_NeverA5xx()
    {
        using var folder = new SqliteAppFolder();
        await using var app = new ChatbotAppFactory(folder.Settings([.. s_limitsOff.Select(s => (s.Key, s.Value))]));
        using var client = app.CreateClient();
        var conversation = 0;
        var payloads = HostilePayloads.ForMessages(() => Activities.Message("what is a GAN?", $"hostile-{Interlocked.Increment(ref conversation)}", expectReplies: true)).ToList();

        var results = new List<(HostilePayload Payload, int Status, string Detail)>();
        foreach (var payload in payloads)
        {
            using var response = await client.SendAsync(Request("/api/messages", payload, bearer: null));
            var body = await response.Content.ReadAsStringAsync();
            results.Add((payload, (int)response.StatusCode, (int)response.StatusCode == 200 ? Replies(body) : Reason(body)));
        }

        Report("/api/messages", results);
        Assert.True(payloads.Count >= 100, $"{payloads.Count} payloads");
        Assert.Empty(results.Where(r => r.Status >= 500).Select(r => $"{r.Payload.Name}: {r.Status} {r.Detail}"));
        Assert.All(results, r => Assert.True(r.Status is 200 or (>= 400 and < 500), $"{r.Payload.Name}: {r.Status}"));
        // A turn the bot could not handle would be apologised for: hostile input must not make turns fail.
        Assert.Empty(results.Where(r => r.Detail.Contains("went wrong", StringComparison.OrdinalIgnoreCase)).Select(r => r.Payload.Name));
        // Every 4xx says why.
        Assert.All(results.Where(r => r.Status >= 400), r => Assert.False(string.IsNullOrWhiteSpace(r.Detail), $"{r.Payload.Name}: {r.Status} without a reason"));

        var after = await new Conversation.BotConversation(client, "hostile-after").SayAsync("What is a transformer?");
        Assert.Contains("[1]", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostilePayloads_ToDirectLine_GetA4xxOrAreAccepted_NeverA5xx_AndTheConversationGoesOn()
    {
        using var folder = new SqliteAppFolder();
        await using var app = new ChatbotAppFactory(folder.Settings([.. s_limitsOff.Select(s => (s.Key, s.Value)), ("Protection:MessagesPerSecondPerConversation", "0")]));
        using var http = app.CreateClient();
        var client = new DirectLineTestClient(http);
        await client.StartAsync();
        var payloads = HostilePayloads.ForDirectLine().ToList();

        var results = new List<(HostilePayload Payload, int Status, string Detail)>();
        foreach (var payload in payloads)
        {
            using var response = await http.SendAsync(Request($"/v3/directline/conversations/{client.ConversationId}/activities", payload, client.Token));
            results.Add((payload, (int)response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        // The start and token endpoints read a body too.
        foreach (var path in new[] { "/v3/directline/conversations", "/v3/directline/tokens/generate" })
        {
            foreach (var payload in new[]
            {
                HostilePayload.Raw("start: not JSON", "{user:"), HostilePayload.Raw("start: user as array", """{"user":[1]}"""),
                HostilePayload.Raw("start: user id as object", """{"user":{"id":{"a":1}}}"""), HostilePayload.Raw("start: 100 KB", "{\"locale\":\"" + new string('x', 100_000) + "\"}"),
                HostilePayload.Raw("start: nested", new string('[', 5000) + new string(']', 5000)), HostilePayload.Raw("start: text/plain", "hi", "text/plain"),
            })
            {
                using var response = await http.SendAsync(Request(path, payload, bearer: "undefined"));
                results.Add((payload with { Name = $"{path} {payload.Name}" }, (int)response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
        }

        Report("/v3/directline", results);
        Assert.True(payloads.Count >= 100, $"{payloads.Count} payloads");
        Assert.Empty(results.Where(r => r.Status >= 500).Select(r => $"{r.Payload.Name}: {r.Status} {r.Detail}"));

        // The turns run in the background: the conversation must still answer after all of them.
        var id = await client.SendMessageAsync("What is a transformer?", "after-hostile");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!client.Received.Any(r => DirectLineTestClient.IsBotMessage(r.Activity) && (string?)r.Activity["replyToId"] == id && ((string?)r.Activity["text"] ?? string.Empty).Contains("[1]", StringComparison.Ordinal)))
        {
            Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(4), "no answer after the hostile payloads within 4 minutes");
            await client.PollAsync();
            await Task.Delay(250);
        }

        output.WriteLine($"Direct Line: the answer after the hostile payloads came {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s after it was sent, behind {results.Count(r => r.Status == 200)} accepted activities");
        var apologies = client.Received.Count(r => DirectLineTestClient.IsBotMessage(r.Activity) && ((string?)r.Activity["text"] ?? string.Empty).Contains("went wrong", StringComparison.OrdinalIgnoreCase));
        output.WriteLine($"Direct Line: {apologies} apologies for failed turns");
        Assert.Equal(0, apologies);
    }

    private static HttpRequestMessage Request(string path, HostilePayload payload, string? bearer)
    {
        var content = new ByteArrayContent(payload.Body);
        if (payload.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", payload.ContentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    private static string Replies(string body)
    {
        try
        {
            var activities = JsonNode.Parse(body)?["activities"]?.AsArray();
            return activities is null ? "(no body)" : string.Join(" / ", activities.Select(a => $"{a!["type"]}: {Shorten((string?)a["text"])}"));
        }
        catch (System.Text.Json.JsonException)
        {
            return "(not JSON)";
        }
    }

    private static string Reason(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            return Shorten((string?)node?["detail"] ?? (string?)node?["error"]?["message"] ?? (string?)node?["title"]);
        }
        catch (System.Text.Json.JsonException)
        {
            return Shorten(body);
        }
    }

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 90 ? text : text[..90] + "…";

    private void Report(string endpoint, List<(HostilePayload Payload, int Status, string Detail)> results)
    {
        output.WriteLine($"{endpoint}: {results.Count} payloads; status codes: {string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
        foreach (var (payload, status, detail) in results)
        {
            output.WriteLine($"  {status}  {payload.Name}: {detail}");
        }
    }
}
