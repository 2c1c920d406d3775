using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// Activities as the Bot Framework Emulator sends them (channel <c>emulator</c>, delivery mode
/// <c>expectReplies</c>, so the replies come back in the HTTP response), and the reading of those replies.
/// </summary>
internal static class EmulatorActivity
{
    /// <summary>The id of the user in every conversation (each conversation has its own id).</summary>
    public const string UserId = "bench-user";

    /// <summary>The id of the bot.</summary>
    public const string BotId = "bench-bot";

    /// <summary>The value type of the trace a Bot Framework bot sends the Emulator when a turn fails.</summary>
    public const string ErrorTraceValueType = "https://www.botframework.com/schemas/error";

    /// <summary>A <c>conversationUpdate</c> adding the bot and the user, as the Emulator sends when a conversation opens.</summary>
    public static byte[] ConversationStart(string conversationId, Uri serviceUrl) =>
        Write(conversationId, serviceUrl, writer =>
        {
            writer.WriteString("type", "conversationUpdate");
            writer.WriteStartArray("membersAdded");
            WriteAccount(writer, BotId, "Bot", role: null);
            WriteAccount(writer, UserId, "User", role: null);
            writer.WriteEndArray();
        });

    /// <summary>A message from the user.</summary>
    public static byte[] Message(string conversationId, Uri serviceUrl, string text) =>
        Write(conversationId, serviceUrl, writer =>
        {
            writer.WriteString("type", "message");
            writer.WriteString("text", text);
            writer.WriteString("textFormat", "plain");
        });

    /// <summary>
    /// Reads an <c>expectReplies</c> response body: how many replies carry something for the user
    /// (message activities with text or attachments; typing indicators, traces and events do not
    /// count), and whether the bot reported a failed turn with the error trace the Emulator shows
    /// (value type <c>https://www.botframework.com/schemas/error</c>), which comes with a polite message.
    /// </summary>
    public static Replies ReadReplies(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("activities", out var activities)
                || activities.ValueKind != JsonValueKind.Array)
            {
                return new Replies(0, TurnFailed: false, Readable: false);
            }

            var messages = 0;
            var failed = false;
            foreach (var activity in activities.EnumerateArray())
            {
                if (activity.ValueKind != JsonValueKind.Object || !activity.TryGetProperty("type", out var type))
                {
                    continue;
                }

                if (type.ValueEquals("message") && (HasNonEmptyString(activity, "text") || HasNonEmptyArray(activity, "attachments")))
                {
                    messages++;
                }
                else if (type.ValueEquals("trace") && activity.TryGetProperty("valueType", out var valueType) && valueType.ValueEquals(ErrorTraceValueType))
                {
                    failed = true;
                }
            }

            return new Replies(messages, failed, Readable: true);
        }
        catch (JsonException)
        {
            return new Replies(0, TurnFailed: false, Readable: false);
        }
    }

    private static byte[] Write(string conversationId, Uri serviceUrl, Action<Utf8JsonWriter> writeKind)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeKind(writer);
            writer.WriteString("id", Guid.NewGuid().ToString("N"));
            writer.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("channelId", "emulator");
            writer.WriteString("serviceUrl", serviceUrl.AbsoluteUri);
            writer.WriteString("deliveryMode", "expectReplies");
            writer.WriteString("locale", "en-US");
            writer.WritePropertyName("from");
            WriteAccount(writer, UserId, "User", "user");
            writer.WritePropertyName("recipient");
            WriteAccount(writer, BotId, "Bot", "bot");
            writer.WriteStartObject("conversation");
            writer.WriteString("id", conversationId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAccount(Utf8JsonWriter writer, string id, string name, string? role)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("name", name);
        if (role is not null)
        {
            writer.WriteString("role", role);
        }

        writer.WriteEndObject();
    }

    private static bool HasNonEmptyString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0;

    private static bool HasNonEmptyArray(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0;
}

/// <summary>What an <c>expectReplies</c> response held.</summary>
/// <param name="Messages">Replies with text or attachments.</param>
/// <param name="TurnFailed">The bot sent the Emulator's error trace: the turn failed, whatever it said to the user.</param>
/// <param name="Readable">The body was an <c>{"activities": [...]}</c> object.</param>
internal readonly record struct Replies(int Messages, bool TurnFailed, bool Readable);
