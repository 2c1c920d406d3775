using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Chatbot.Browser.Tests.Admin;

/// <summary>
/// A user talking to the app over its local Direct Line endpoint (<c>/v3/directline</c>) as Web Chat does with
/// <c>webSocket: false</c>: starts a conversation, posts messages and feedback events, and polls for the replies.
/// </summary>
internal sealed class DirectLineUser(HttpClient http, string userId)
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromMinutes(3);

    private readonly List<JsonObject> _received = [];
    private string _watermark = string.Empty;
    private string? _token;

    /// <summary>The conversation's id, once started.</summary>
    public string ConversationId { get; private set; } = string.Empty;

    /// <summary>The bot's messages received so far, oldest first.</summary>
    public IEnumerable<JsonObject> BotMessages => _received.Where(a => (string?)a["from"]?["role"] == "bot" && (string?)a["type"] == "message");

    public async Task StartAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "v3/directline/conversations", new JsonObject { ["user"] = new JsonObject { ["id"] = userId } }, bearer: "undefined");
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"start: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var conversation = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ConversationId = (string)conversation["conversationId"]!;
        _token = (string?)conversation["token"];
    }

    /// <summary>Says <paramref name="text"/> and waits for a bot message that contains <paramref name="replyContains"/>; returns it.</summary>
    public async Task<JsonObject> AskAsync(string text, string replyContains)
    {
        var before = BotMessages.Count();
        await PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["textFormat"] = "plain",
            ["locale"] = "en-US",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["from"] = new JsonObject { ["id"] = userId, ["role"] = "user" },
        });
        var deadline = DateTime.UtcNow + s_replyTimeout;
        while (true)
        {
            var reply = BotMessages.Skip(before).FirstOrDefault(a => ((string?)a["text"] ?? string.Empty).Contains(replyContains, StringComparison.Ordinal));
            if (reply is not null)
            {
                return reply;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No reply containing '{replyContains}' to '{text}'; the bot said: {string.Join(" | ", BotMessages.Skip(before).Select(a => (string?)a["text"]))}");
            await PollAsync();
            await Task.Delay(250);
        }
    }

    /// <summary>Clicks Web Chat's thumbs down (or up) under <paramref name="answer"/>: the event Web Chat sends with the action the answer carried.</summary>
    public async Task RateAsync(JsonObject answer, bool helpful)
    {
        var type = helpful ? "LikeAction" : "DislikeAction";
        var action = answer["entities"]!.AsArray()
            .SelectMany(e => e?["potentialAction"]?.AsArray() ?? [])
            .Single(a => (string?)a!["@type"] == type)!;
        await PostAsync(new JsonObject
        {
            ["type"] = "event",
            ["name"] = "webchat:activity-status/feedback",
            ["from"] = new JsonObject { ["id"] = userId, ["role"] = "user" },
            ["entities"] = new JsonArray { new JsonObject { ["type"] = "https://schema.org/" + type, ["@type"] = type, ["answerId"] = (string?)action["answerId"] } },
        });
    }

    private async Task PostAsync(JsonObject activity)
    {
        using var response = await SendAsync(HttpMethod.Post, $"v3/directline/conversations/{Uri.EscapeDataString(ConversationId)}/activities", activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task PollAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(ConversationId)}/activities?watermark={_watermark}", body: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var set = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        _received.AddRange(set["activities"]!.AsArray().Select(a => a!.AsObject()));
        if ((string?)set["watermark"] is { Length: > 0 } watermark)
        {
            _watermark = watermark;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", bearer ?? _token ?? "undefined");
        request.Headers.Add("x-ms-bot-agent", "DirectLine/3.0 (directlinejs; WebChat/4.18.1)");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }
}
