using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Conversation.Bots;
using Chatbot.Tests.Fakes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tests.Hosting;

public sealed class MessagesEndpointTests
{
    [Fact]
    public async Task ExpectReplies_ReturnsTheRepliesInTheResponseBody()
    {
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(Activities.Message("What is a generative adversarial network?", expectReplies: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await response.ReadRepliesAsync();
        // On the Emulator's channel the answer is followed by the grounding report, as a trace for the inspector.
        Assert.Equal(["typing", "message", "trace"], replies.Select(r => (string?)r!["type"]));
        Assert.Equal("GroundingReport", (string?)replies[2]!["name"]);
        Assert.NotEmpty(replies[2]!["value"]!["sentences"]!.AsArray());
        var reply = replies[1]!;
        Assert.Contains("[1]", (string?)reply["text"], StringComparison.Ordinal);
        Assert.Contains("**Sources**", (string?)reply["text"], StringComparison.Ordinal);
        Assert.Equal("user-1", (string?)reply["recipient"]!["id"]);
    }

    [Fact]
    public async Task MessageWithoutExpectReplies_PostsTheReplyToTheServiceUrl()
    {
        await using var connector = await FakeConnectorServer.StartAsync();
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();
        var activity = Activities.Message("What is tokenization?", conversationId: "conv-42", serviceUrl: connector.ServiceUrl.ToString());

        using var response = await client.PostAsync(activity);

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        var replies = await connector.WaitForRepliesAsync(3, TimeSpan.FromSeconds(30));
        Assert.Equal(3, replies.Count);
        Assert.All(replies, r => Assert.Equal("conv-42", r.ConversationId));
        Assert.All(replies, r => Assert.Equal((string?)activity["id"], r.ReplyToId));
        Assert.All(replies, r => Assert.Equal(string.Empty, r.Authorization)); // anonymous mode sends no token to the Emulator
        Assert.Equal("typing", replies.First().Activity.GetProperty("type").GetString());
        Assert.Contains("token", replies[1].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("trace", replies[2].Activity.GetProperty("type").GetString());
    }

    [Fact]
    public async Task MembersAdded_WelcomesThePersonOnceWithThreeSuggestedQuestions()
    {
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(Activities.MembersAdded());

        var welcome = Assert.Single(await response.ReadRepliesAsync());
        var lines = ((string?)welcome!["text"])!.Split("\n\n");
        Assert.Equal(2, lines.Length);
        var actions = welcome["suggestedActions"]!["actions"]!.AsArray();
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Equal("imBack", (string?)a!["type"]));
    }

    public static TheoryData<string?, string> BadBodies => new()
    {
        { "{not json", "not valid JSON" },
        { "", "empty" },
        { "[1,2]", "JSON object" },
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"serviceUrl":"http://127.0.0.1:9/"}""", "conversation.id" },
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{}}""", "conversation.id" },
        { """{"channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/"}""", "'type'" },
        { """{"type":"message","channelId":"emulator","conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/"}""", "from.id" },
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"}}""", "serviceUrl" },
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"not a url"}""", "serviceUrl" },
        // Was a 500: the adapter makes its connector client from serviceUrl even when the replies go back in the response.
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"deliveryMode":"expectReplies"}""", "serviceUrl" },
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"deliveryMode":"expectReplies","serviceUrl":"ftp://127.0.0.1/"}""", "serviceUrl" },
        // Were 500s: fields the adapter's reader cannot turn into an Activity.
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies","timestamp":"not a date"}""", "wrong type" },
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies","attachments":{"a":1}}""", "wrong type" },
        { """{"type":"message","channelId":"emulator","from":{"id":"u"},"conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies","text":{"a":1}}""", "wrong type" },
    };

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task ABodyThatIsNotJson_Gets415_AndTheBotNeverRuns(string? contentType)
    {
        var handler = new RecordingMessageHandler();
        await using var app = new ChatbotAppFactory(services: s => s.AddSingleton<IMessageHandler>(handler));
        using var client = app.CreateClient();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Activities.Message("hi", expectReplies: true).ToJsonString()));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, handler.Calls);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInput_GetsA400WithTheReason_AndTheBotNeverRuns(string? body, string reason)
    {
        var handler = new RecordingMessageHandler();
        await using var app = new ChatbotAppFactory(services: s => s.AddSingleton<IMessageHandler>(handler));
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent(body ?? string.Empty, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(reason, (string?)problem["detail"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task OversizedActivity_Gets413()
    {
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var response = await client.PostAsync(Activities.Message(new string('x', 600_000), expectReplies: true));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task FailingTurns_AreApologisedFor_AndStateIsClearedWhenTheyKeepFailing()
    {
        var handler = new RecordingMessageHandler();
        await using var app = new ChatbotAppFactory(services: s => s.AddSingleton<IMessageHandler>(sp => handler.Over(sp.GetRequiredService<ConversationState>())));
        using var client = app.CreateClient();

        var replies = new List<string>();
        foreach (var fail in new[] { false, true, true, false })
        {
            handler.Fail = fail;
            replies.Add(Text(await (await client.PostAsync(Activities.Message("hi", expectReplies: true))).ReadRepliesAsync()));
        }

        Assert.Equal("ok: turn 1", replies[0]);
        Assert.Contains("something went wrong on my side", replies[1], StringComparison.Ordinal);
        Assert.Contains("reset our conversation", replies[2], StringComparison.Ordinal);
        // Without the reset the handler's counter would say turn 2.
        Assert.Equal("ok: turn 1", replies[3]);
    }

    [Fact]
    public async Task ASuccessfulTurn_ClearsTheFailureCount()
    {
        var handler = new RecordingMessageHandler();
        await using var app = new ChatbotAppFactory(services: s => s.AddSingleton<IMessageHandler>(sp => handler.Over(sp.GetRequiredService<ConversationState>())));
        using var client = app.CreateClient();

        var replies = new List<string>();
        foreach (var fail in new[] { true, false, true, true })
        {
            handler.Fail = fail;
            replies.Add(Text(await (await client.PostAsync(Activities.Message("hi", expectReplies: true))).ReadRepliesAsync()));
        }

        Assert.DoesNotContain("reset", replies[0], StringComparison.Ordinal);
        Assert.Equal("ok: turn 1", replies[1]);
        Assert.DoesNotContain("reset", replies[2], StringComparison.Ordinal);
        Assert.Contains("reset our conversation", replies[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_ReportsStorageAndAuthenticationMode()
    {
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        var health = JsonNode.Parse(await client.GetStringAsync("/healthz"))!;

        Assert.Equal("Healthy", (string?)health["status"]);
        Assert.Equal("memory", (string?)health["checks"]!["storage"]!["data"]!["provider"]);
        Assert.Equal("anonymous", (string?)health["checks"]!["authentication"]!["data"]!["mode"]);
    }

    private static string Text(JsonArray replies)
        => string.Join("\n", replies.Where(r => (string?)r!["type"] == "message").Select(r => (string?)r!["text"]));

    /// <summary>Counts calls, can fail on demand, and counts successful turns in conversation state.</summary>
    private sealed class RecordingMessageHandler : IMessageHandler
    {
        private int _calls;
        private IStatePropertyAccessor<int>? _turns;

        public int Calls => _calls;

        public bool Fail { get; set; }

        public RecordingMessageHandler Over(ConversationState state)
        {
            _turns = state.CreateProperty<int>("RecordedTurns");
            return this;
        }

        public async Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            if (Fail)
            {
                throw new InvalidOperationException("The handler failed on purpose.");
            }

            var turn = 0;
            if (_turns is not null)
            {
                turn = await _turns.GetAsync(turnContext, () => 0, cancellationToken) + 1;
                await _turns.SetAsync(turnContext, turn, cancellationToken);
            }

            await turnContext.SendActivityAsync($"ok: turn {turn}", cancellationToken: cancellationToken);
        }
    }
}
