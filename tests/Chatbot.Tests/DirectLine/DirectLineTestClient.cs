using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Chatbot.Tests.DirectLine;

/// <summary>
/// Talks to /v3/directline the way Direct Line JS does with <c>webSocket: false</c>: the same
/// requests, headers and bodies, and a watermark carried from poll to poll.
/// </summary>
internal sealed class DirectLineTestClient(HttpClient http)
{
    public const string UserId = "r_webchat";

    public string? Token { get; set; }

    public string? ConversationId { get; set; }

    public string Watermark { get; set; } = string.Empty;

    /// <summary>Every activity received so far, with the watermark of the poll that brought it.</summary>
    public List<(JsonObject Activity, long Watermark)> Received { get; } = [];

    /// <summary>Starts a conversation as Direct Line JS does (Bearer its token, or "undefined" without one).</summary>
    public async Task<JsonObject> StartAsync(string? bearer = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", bearer ?? Token ?? "undefined", new JsonObject { ["user"] = new JsonObject() });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"start: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var conversation = await ReadObjectAsync(response);
        ConversationId = (string?)conversation["conversationId"];
        Token = (string?)conversation["token"];
        return conversation;
    }

    /// <summary>Posts a message as Web Chat does and returns the id the service gave it.</summary>
    public async Task<string> SendMessageAsync(string text, string clientActivityId)
    {
        using var response = await PostActivityAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["textFormat"] = "plain",
            ["locale"] = "en-US",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = string.Empty, ["role"] = "user" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId, ["clientTimestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            ["entities"] = new JsonArray { new JsonObject { ["type"] = "ClientCapabilities", ["requiresBotState"] = true } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string?)(await ReadObjectAsync(response))["id"];
        Assert.False(string.IsNullOrEmpty(id));
        return id!;
    }

    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? bearer = null)
        => SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", bearer ?? Token, activity);

    /// <summary>One poll, as Direct Line JS sends it; keeps the watermark it returns.</summary>
    public async Task<JsonArray> PollAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={Watermark}", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var set = await ReadObjectAsync(response);
        var activities = set["activities"]!.AsArray();
        var watermark = (string?)set["watermark"];
        if (!string.IsNullOrEmpty(watermark))
        {
            Watermark = watermark;
        }

        foreach (var activity in activities)
        {
            Received.Add((activity!.AsObject(), long.Parse(Watermark, CultureInfo.InvariantCulture)));
        }

        return activities;
    }

    /// <summary>Polls until <paramref name="arrived"/> holds for what was received, or fails after 60 seconds.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<JsonObject>, bool> arrived, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!arrived(Received.Select(r => r.Activity).ToList()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; received: {string.Join(" | ", Received.Select(r => $"{r.Activity["type"]}:{r.Activity["text"]}"))}");
            await PollAsync();
            await Task.Delay(50);
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        request.Headers.Add("x-ms-bot-agent", "DirectLine/3.0 (directlinejs; WebChat/4.18.0)");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
        => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static bool IsFromBot(JsonObject activity) => (string?)activity["from"]?["role"] == "bot";

    public static bool IsBotMessage(JsonObject activity) => IsFromBot(activity) && (string?)activity["type"] == "message";
}
