using System.Net;
using System.Text.Json.Nodes;
using Chatbot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Tests.DirectLine;

/// <summary>Who may use /v3/directline, in which environment, with which credential.</summary>
public sealed class DirectLineAuthorizationTests
{
    private const string Secret = "a-local-direct-line-secret-for-tests";

    private static readonly Dictionary<string, string?> s_enabled = new() { ["DirectLine:Enabled"] = "true" };

    [Fact]
    public async Task ConversationRequests_WithoutAUsableToken_Get401()
    {
        await using var app = new ChatbotAppFactory(s_enabled);
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();
        var path = $"/v3/directline/conversations/{client.ConversationId}/activities?watermark=";

        foreach (var bearer in new[] { null, "undefined", client.Token + "x", Secret })
        {
            using var response = await client.SendAsync(HttpMethod.Get, path, bearer);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            await AssertErrorAsync(response, "Unauthorized");
        }
    }

    [Fact]
    public async Task AnotherConversationsToken_Gets403()
    {
        await using var app = new ChatbotAppFactory(s_enabled);
        var mine = new DirectLineTestClient(app.CreateClient());
        await mine.StartAsync();
        var theirs = new DirectLineTestClient(app.CreateClient());
        await theirs.StartAsync();

        using var read = await mine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs.ConversationId}/activities", mine.Token);
        using var post = await mine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{theirs.ConversationId}/activities", mine.Token, new JsonObject { ["type"] = "message", ["text"] = "hi" });
        using var reconnect = await mine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs.ConversationId}", mine.Token);

        foreach (var response in new[] { read, post, reconnect })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            await AssertErrorAsync(response, "Forbidden");
        }
    }

    [Fact]
    public async Task AnExpiredToken_Gets403TokenExpired_AndCannotBeRefreshed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ChatbotAppFactory(
            new Dictionary<string, string?>(s_enabled) { ["Knowledge:ReloadCheckSeconds"] = "0" },
            s => s.AddSingleton<TimeProvider>(clock));
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();
        await client.PollAsync();

        clock.Advance(TimeSpan.FromMinutes(31));

        using var read = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", client.Token);
        using var refresh = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", client.Token);
        foreach (var response in new[] { read, refresh })
        {
            // 403 is what Direct Line JS reads as "expired token" (and waits for a new one).
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            await AssertErrorAsync(response, "TokenExpired");
        }
    }

    [Fact]
    public async Task AConversationIdleTooLong_IsForgotten()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ChatbotAppFactory(
            new Dictionary<string, string?>(s_enabled)
            {
                ["Knowledge:ReloadCheckSeconds"] = "0",
                ["DirectLine:TokenLifetime"] = "1.00:00:00",
                ["DirectLine:ConversationIdleTimeout"] = "00:10:00",
            },
            s => s.AddSingleton<TimeProvider>(clock));
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();

        clock.Advance(TimeSpan.FromMinutes(9));
        await client.PollAsync();
        clock.Advance(TimeSpan.FromMinutes(9));
        await client.PollAsync(); // polling keeps it alive
        clock.Advance(TimeSpan.FromMinutes(11));

        using var response = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}/activities", client.Token);
        // 404 is what Direct Line JS reads as "the conversation has ended".
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertErrorAsync(response, "NotFound");
    }

    public static TheoryData<string, string?, string?, HttpStatusCode> Environments => new()
    {
        { "Development", null, null, HttpStatusCode.Created },
        { "Development", "false", null, HttpStatusCode.NotFound },
        { "Production", null, null, HttpStatusCode.NotFound },
        { "Production", "true", null, HttpStatusCode.Created },
        { "Production", null, Secret, HttpStatusCode.Created },
        { "Production", "false", Secret, HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task TheService_IsOnInDevelopment_AndElsewhereOnlyWithASecretOrWhenEnabled(string environment, string? enabled, string? secret, HttpStatusCode expected)
    {
        await using var app = new ChatbotAppFactory(
            new Dictionary<string, string?> { ["DirectLine:Enabled"] = enabled, ["DirectLine:Secret"] = secret },
            environment: environment);
        var client = new DirectLineTestClient(app.CreateClient());

        using var start = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", secret ?? "undefined");
        using var generate = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", secret ?? "undefined");

        Assert.Equal(expected, start.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Created ? HttpStatusCode.OK : expected, generate.StatusCode);
    }

    [Fact]
    public async Task WithASecret_StartingAndGeneratingNeedIt_AndAGeneratedTokenStartsItsConversationOnce()
    {
        await using var app = new ChatbotAppFactory(new Dictionary<string, string?> { ["DirectLine:Secret"] = Secret }, environment: "Production");
        var client = new DirectLineTestClient(app.CreateClient());

        foreach (var bearer in new[] { null, "undefined", Secret + "x", Secret[..^1] })
        {
            using var start = await client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", bearer);
            using var generate = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", bearer);
            Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, generate.StatusCode);
            await AssertErrorAsync(start, "Unauthorized");
        }

        // The embedding server holds the secret and hands the page a token for one conversation.
        using var generated = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", Secret, new JsonObject { ["user"] = new JsonObject { ["id"] = "dl_user-7" } });
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var body = await DirectLineTestClient.ReadObjectAsync(generated);
        Assert.DoesNotContain(Secret, body.ToJsonString(), StringComparison.Ordinal);
        var page = new DirectLineTestClient(app.CreateClient()) { Token = (string?)body["token"] };

        var conversation = await page.StartAsync();
        Assert.Equal((string?)body["conversationId"], (string?)conversation["conversationId"]);
        using (var again = await page.SendAsync(HttpMethod.Post, "/v3/directline/conversations", page.Token))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode); // started already: the real service's 200
        }

        // The token cannot open other conversations or make new ones.
        using (var other = await page.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", page.Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }

        // The user named in the token is who the page speaks as, whatever it claims.
        var id = await page.SendMessageAsync("hello", "client-activity-5");
        await page.WaitForAsync(a => a.Any(x => (string?)x["id"] == id), "the echo");
        var echo = page.Received.Single(r => (string?)r.Activity["id"] == id).Activity;
        Assert.Equal("dl_user-7", (string?)echo["from"]!["id"]);
        await page.WaitForAsync(a => a.Any(x => DirectLineTestClient.IsBotMessage(x) && (string?)x["replyToId"] == id), "the answer");
        Assert.Single(page.Received, r => (string?)r.Activity["text"] is { } text && text.StartsWith("Hi, I'm", StringComparison.Ordinal));
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string code)
    {
        var body = await DirectLineTestClient.ReadObjectAsync(response);
        Assert.Equal(code, (string?)body["error"]?["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["error"]?["message"]));
    }
}
