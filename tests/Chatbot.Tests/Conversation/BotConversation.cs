using System.Text.Json.Nodes;
using Chatbot.Tests.Hosting;

namespace Chatbot.Tests.Conversation;

/// <summary>One user in one conversation with the bot, talking through /api/messages as the Emulator does (expectReplies).</summary>
internal sealed class BotConversation(HttpClient client, string conversationId, string userId = "user-1")
{
    /// <summary>Sends <paramref name="text"/> and returns every activity the bot replied with.</summary>
    public async Task<JsonArray> SendAsync(string text)
    {
        using var response = await client.PostAsync(Activities.Message(text, conversationId, userId, expectReplies: true));
        return await response.ReadRepliesAsync();
    }

    /// <summary>Sends <paramref name="text"/> and returns the text of the bot's messages, joined.</summary>
    public async Task<string> SayAsync(string text) => TextOf(await SendAsync(text));

    public static string TextOf(JsonArray replies)
        => string.Join("\n", replies.Where(r => (string?)r!["type"] == "message").Select(r => (string?)r!["text"]));

    public static IReadOnlyList<string> ActionsOf(JsonArray replies)
        => replies.Where(r => r!["suggestedActions"] is not null)
            .SelectMany(r => r!["suggestedActions"]!["actions"]!.AsArray().Select(a => (string?)a!["title"] ?? string.Empty))
            .ToList();
}
