using System.Net;
using System.Text.Json.Nodes;
using Chatbot.Conversation.Bots;
using Chatbot.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tests.DirectLine;

/// <summary>Whole conversations through /v3/directline, as Web Chat holds them with polling.</summary>
public sealed class DirectLineFlowTests
{
    private static readonly Dictionary<string, string?> s_enabled = new() { ["DirectLine:Enabled"] = "true" };

    [Fact]
    public async Task StartConversation_Returns201WithAToken_AndTheBotWelcomesTheUser()
    {
        await using var app = new ChatbotAppFactory(s_enabled);
        var client = new DirectLineTestClient(app.CreateClient());

        var conversation = await client.StartAsync();

        Assert.False(string.IsNullOrEmpty((string?)conversation["conversationId"]));
        Assert.False(string.IsNullOrEmpty((string?)conversation["token"]));
        Assert.Equal(1800, (int?)conversation["expires_in"]);
        Assert.False(conversation.ContainsKey("streamUrl"), "this service only polls, so it must not offer a WebSocket");

        await client.WaitForAsync(a => a.Any(DirectLineTestClient.IsBotMessage), "the welcome");
        var welcome = client.Received.Select(r => r.Activity).Single(DirectLineTestClient.IsBotMessage);
        Assert.StartsWith("Hi, I'm GenAI Guide", (string?)welcome["text"], StringComparison.Ordinal);
        Assert.Equal(3, welcome["suggestedActions"]!["actions"]!.AsArray().Count);
        Assert.Equal("directline", (string?)welcome["channelId"]);
        Assert.Equal(client.ConversationId, (string?)welcome["conversation"]!["id"]);
        Assert.StartsWith(client.ConversationId + "|", (string?)welcome["id"], StringComparison.Ordinal);
        Assert.NotNull(welcome["timestamp"]);
        Assert.Equal("GenAI Guide", (string?)welcome["from"]!["name"]);
    }

    [Fact]
    public async Task AQuestion_IsEchoedWithItsClientActivityId_ThenAnswered_InOrder_WithGrowingWatermarks()
    {
        await using var app = new ChatbotAppFactory(s_enabled);
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();
        await client.WaitForAsync(a => a.Any(DirectLineTestClient.IsBotMessage), "the welcome");

        var id = await client.SendMessageAsync("what is a GAN?", "client-activity-1");
        // The echo is logged before the POST returns, so the next poll starts with it.
        Assert.Equal(id, (string?)(await client.PollAsync()).FirstOrDefault()?["id"]);
        await client.WaitForAsync(a => a.Any(x => DirectLineTestClient.IsBotMessage(x) && (string?)x["replyToId"] == id), "the answer");

        var activities = client.Received.Select(r => r.Activity).ToList();
        var echoAt = activities.FindIndex(a => (string?)a["id"] == id);
        var answerAt = activities.FindIndex(a => DirectLineTestClient.IsBotMessage(a) && (string?)a["replyToId"] == id);
        Assert.True(echoAt >= 0, "the user's own message must come back so Web Chat can mark it sent");
        Assert.True(echoAt < answerAt, $"echo at {echoAt}, answer at {answerAt}");

        var echo = activities[echoAt];
        Assert.Equal("message", (string?)echo["type"]);
        Assert.Equal("what is a GAN?", (string?)echo["text"]);
        Assert.Equal("client-activity-1", (string?)echo["channelData"]!["clientActivityID"]);
        Assert.Equal(DirectLineTestClient.UserId, (string?)echo["from"]!["id"]);
        Assert.Equal("user", (string?)echo["from"]!["role"]);
        Assert.NotNull(echo["timestamp"]);
        Assert.Null(echo["serviceUrl"]);

        var answer = activities[answerAt];
        Assert.Contains("[1]", (string?)answer["text"], StringComparison.Ordinal);
        Assert.Equal(DirectLineTestClient.UserId, (string?)answer["recipient"]!["id"]);

        // Ids are unique, and each poll that brought something moved the watermark forward.
        Assert.Equal(activities.Count, activities.Select(a => (string?)a["id"]).Distinct().Count());
        var watermarks = client.Received.Select(r => r.Watermark).Distinct().ToList();
        Assert.Equal(watermarks.Order(), watermarks);
        Assert.True(client.Received[echoAt].Watermark > client.Received[0].Watermark, "the welcome and the echo came in separate polls");

        // Nothing new: the next poll is empty and keeps the watermark.
        var before = client.Watermark;
        Assert.Empty(await client.PollAsync());
        Assert.Equal(before, client.Watermark);
    }

    [Fact]
    public async Task Reconnect_AndARefreshedToken_KeepTheConversation()
    {
        await using var app = new ChatbotAppFactory(s_enabled);
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();
        await client.WaitForAsync(a => a.Any(DirectLineTestClient.IsBotMessage), "the welcome");
        var firstToken = client.Token!;

        // Reconnect, as Direct Line JS does with a conversationId: same conversation, a usable token.
        using (var reconnect = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{client.ConversationId}?watermark={client.Watermark}", firstToken))
        {
            Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
            var body = await DirectLineTestClient.ReadObjectAsync(reconnect);
            Assert.Equal(client.ConversationId, (string?)body["conversationId"]);
            Assert.False(string.IsNullOrEmpty((string?)body["token"]));
        }

        // Refresh, as Direct Line JS does every 15 minutes: a new token for the same conversation.
        using (var refresh = await client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", firstToken))
        {
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
            var body = await DirectLineTestClient.ReadObjectAsync(refresh);
            Assert.Equal(client.ConversationId, (string?)body["conversationId"]);
            Assert.NotEqual(firstToken, (string?)body["token"]);
            client.Token = (string?)body["token"];
        }

        // A page reload: a new client with the refreshed token reads the whole conversation again.
        var reloaded = new DirectLineTestClient(app.CreateClient()) { ConversationId = client.ConversationId, Token = client.Token };
        await reloaded.PollAsync();
        Assert.Contains(reloaded.Received, r => DirectLineTestClient.IsBotMessage(r.Activity));

        var id = await reloaded.SendMessageAsync("What is tokenization?", "client-activity-2");
        await reloaded.WaitForAsync(a => a.Any(x => DirectLineTestClient.IsBotMessage(x) && (string?)x["replyToId"] == id), "the answer after the refresh");
        Assert.Single(reloaded.Received, r => (string?)r.Activity["text"] is { } text && text.StartsWith("Hi, I'm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUpdatedActivity_ComesAgainWithItsIdAtANewWatermark_AndADeletedOneIsTakenDown()
    {
        var handler = new EditingMessageHandler();
        await using var app = new ChatbotAppFactory(s_enabled, s => s.AddSingleton<IMessageHandler>(handler));
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();

        await client.SendMessageAsync("edit", "client-activity-3");
        await client.WaitForAsync(a => a.Any(x => (string?)x["text"] == "draft"), "the draft");
        handler.Proceed.Release();
        await client.WaitForAsync(a => a.Any(x => (string?)x["text"] == "final"), "the update");
        await client.WaitForAsync(a => a.Any(x => (string?)x["text"] == "doomed"), "the message to delete");
        handler.Proceed.Release();
        await client.WaitForAsync(a => a.Any(x => (string?)x["type"] == "messageDelete"), "the deletion");

        var draft = client.Received.Single(r => (string?)r.Activity["text"] == "draft");
        var final = client.Received.Single(r => (string?)r.Activity["text"] == "final");
        Assert.Equal((string?)draft.Activity["id"], (string?)final.Activity["id"]);
        Assert.True(final.Watermark > draft.Watermark, $"the update came at {final.Watermark}, the draft at {draft.Watermark}");
        var deleted = client.Received.Single(r => (string?)r.Activity["type"] == "messageDelete");
        var doomed = client.Received.Single(r => (string?)r.Activity["text"] == "doomed");
        Assert.Equal((string?)doomed.Activity["id"], (string?)deleted.Activity["id"]);

        // A client that connects now sees the final text once, and never the deleted message.
        var late = new DirectLineTestClient(app.CreateClient()) { ConversationId = client.ConversationId, Token = client.Token };
        await late.PollAsync();
        var texts = late.Received.Select(r => (string?)r.Activity["text"]).ToList();
        Assert.Single(texts, t => t == "final");
        Assert.DoesNotContain("draft", texts);
        Assert.DoesNotContain("doomed", texts);
    }

    [Fact]
    public async Task AFailingTurn_IsApologisedFor_ByTheSameRecoveryAsApiMessages()
    {
        await using var app = new ChatbotAppFactory(s_enabled, s => s.AddSingleton<IMessageHandler, FailingMessageHandler>());
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();

        var id = await client.SendMessageAsync("hi", "client-activity-4");
        await client.WaitForAsync(a => a.Any(x => DirectLineTestClient.IsBotMessage(x) && (string?)x["replyToId"] == id), "the apology");

        var apology = client.Received.Select(r => r.Activity).Single(x => DirectLineTestClient.IsBotMessage(x) && (string?)x["replyToId"] == id);
        Assert.Contains("something went wrong on my side", (string?)apology["text"], StringComparison.Ordinal);
        Assert.DoesNotContain(client.Received, r => (string?)r.Activity["type"] == "trace");
    }

    [Fact]
    public async Task AnInvoke_ReachesTheBot_ButIsNotEchoed()
    {
        var bot = new RecordingBot();
        await using var app = new ChatbotAppFactory(s_enabled, s => s.AddSingleton<IBot>(bot));
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();

        using var response = await client.PostActivityAsync(new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "test/ping",
            ["from"] = new JsonObject { ["id"] = DirectLineTestClient.UserId, ["role"] = "user" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)(await DirectLineTestClient.ReadObjectAsync(response))["id"]));
        var received = await bot.WaitForAsync(ActivityTypes.Invoke);
        Assert.Equal("test/ping", received.Name);
        Assert.Equal("directline", received.ChannelId);
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task ABodyThatIsNotAnActivity_Gets400()
    {
        await using var app = new ChatbotAppFactory(s_enabled);
        var client = new DirectLineTestClient(app.CreateClient());
        await client.StartAsync();

        using var response = await client.PostActivityAsync(new JsonObject { ["text"] = "no type" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await DirectLineTestClient.ReadObjectAsync(response);
        Assert.Equal("BadArgument", (string?)error["error"]!["code"]);
        Assert.Contains("'type'", (string?)error["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageFromAnAllowedOrigin_MayCallTheService()
    {
        // Any origin could, before Protection:AllowedOrigins: now only the listed ones (ProtectionTests covers the rest).
        await using var app = new ChatbotAppFactory(new Dictionary<string, string?>(s_enabled) { ["Protection:AllowedOrigins:0"] = "http://localhost:5173" });
        using var http = app.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");

        using var response = await http.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, $"preflight: {(int)response.StatusCode}");
        Assert.Equal("http://localhost:5173", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        Assert.Contains("AUTHORIZATION", allowed, StringComparison.Ordinal);
        Assert.Contains("X-MS-BOT-AGENT", allowed, StringComparison.Ordinal);
    }

    /// <summary>Sends a draft and replaces it, then sends a message and deletes it, each change once the test has seen what it changes.</summary>
    private sealed class EditingMessageHandler : IMessageHandler
    {
        public SemaphoreSlim Proceed { get; } = new(0);

        public async Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
        {
            var draft = await turnContext.SendActivityAsync("draft", cancellationToken: cancellationToken);
            await Proceed.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            var update = MessageFactory.Text("final");
            update.Id = draft.Id;
            await turnContext.UpdateActivityAsync(update, cancellationToken);

            var doomed = await turnContext.SendActivityAsync("doomed", cancellationToken: cancellationToken);
            await Proceed.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await turnContext.DeleteActivityAsync(doomed.Id, cancellationToken);
        }
    }

    private sealed class FailingMessageHandler : IMessageHandler
    {
        public Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("The handler failed on purpose.");
    }

    /// <summary>Records every activity it is given, and answers nothing.</summary>
    private sealed class RecordingBot : IBot
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Activity> _received = new();

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            _received.Enqueue(turnContext.Activity);
            return Task.CompletedTask;
        }

        public async Task<Activity> WaitForAsync(string type)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var activity = _received.FirstOrDefault(a => a.Type == type);
                if (activity is not null)
                {
                    return activity;
                }

                Assert.True(DateTime.UtcNow < deadline, $"The bot never received a {type} activity.");
                await Task.Delay(20);
            }
        }
    }
}
