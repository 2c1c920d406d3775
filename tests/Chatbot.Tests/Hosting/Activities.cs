using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Chatbot.Tests.Hosting;

/// <summary>Bot Framework activities as the Emulator sends them.</summary>
internal static class Activities
{
    public static JsonObject Message(string text, string conversationId = "conv-1", string userId = "user-1", string? serviceUrl = "http://127.0.0.1:9/", bool expectReplies = false)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "emulator",
            ["text"] = text,
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "User", ["role"] = "user" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Bot", ["role"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
        };
        if (serviceUrl is not null)
        {
            activity["serviceUrl"] = serviceUrl;
        }

        if (expectReplies)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        return activity;
    }

    public static JsonObject MembersAdded(string conversationId = "conv-1", string userId = "user-1")
    {
        var activity = Message(string.Empty, conversationId, userId, expectReplies: true);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity["membersAdded"] = new JsonArray
        {
            new JsonObject { ["id"] = "bot-1", ["name"] = "Bot" },
            new JsonObject { ["id"] = userId, ["name"] = "User" },
        };
        return activity;
    }

    /// <summary>Posts an activity and returns the response.</summary>
    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonObject activity, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return client.SendAsync(request);
    }

    /// <summary>Reads the activities of an expectReplies response.</summary>
    public static async Task<JsonArray> ReadRepliesAsync(this HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["activities"]!.AsArray();
    }
}
