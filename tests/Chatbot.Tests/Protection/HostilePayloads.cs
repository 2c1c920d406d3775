using System.Text;
using System.Text.Json.Nodes;

namespace Chatbot.Tests.Protection;

/// <summary>One hostile request: what it tries, its body bytes and content type.</summary>
internal sealed record HostilePayload(string Name, byte[] Body, string? ContentType = "application/json")
{
    public static HostilePayload Json(string name, JsonNode node) => new(name, Encoding.UTF8.GetBytes(node.ToJsonString()));

    public static HostilePayload Raw(string name, string body, string? contentType = "application/json") => new(name, Encoding.UTF8.GetBytes(body), contentType);

    public override string ToString() => Name;
}

/// <summary>
/// Generates hostile activities from a valid one: every field given every wrong type, required fields missing,
/// oversized and deeply nested bodies, control characters, markup, right-to-left text, huge arrays, invalid UTF-8,
/// activity types the bot does not expect and content types that are not JSON.
/// </summary>
internal static class HostilePayloads
{
    private static readonly string[] s_fields =
    [
        "type", "id", "channelId", "serviceUrl", "text", "from", "recipient", "conversation", "timestamp", "localTimestamp",
        "locale", "entities", "attachments", "channelData", "value", "membersAdded", "deliveryMode", "replyToId",
        "suggestedActions", "textFormat", "name", "attachmentLayout", "speak", "inputHint", "expiration", "importance",
    ];

    private static readonly (string Name, Func<JsonNode?> Value)[] s_wrongValues =
    [
        ("number", () => JsonValue.Create(42)),
        ("huge number", () => JsonNode.Parse("1e308")),
        ("boolean", () => JsonValue.Create(true)),
        ("array", () => new JsonArray(1, "two", new JsonObject())),
        ("object", () => new JsonObject { ["nested"] = "x" }),
        ("null", () => null),
        ("date-like garbage", () => JsonValue.Create("not-a-date 99:99")),
    ];

    /// <summary>Payloads for <c>/api/messages</c>; <paramref name="baseActivity"/> makes a valid activity in a fresh conversation.</summary>
    public static IEnumerable<HostilePayload> ForMessages(Func<JsonObject> baseActivity)
    {
        foreach (var field in s_fields)
        {
            foreach (var (kind, value) in s_wrongValues)
            {
                var activity = baseActivity();
                activity[field] = value();
                yield return HostilePayload.Json($"{field} as {kind}", activity);
            }

            var without = baseActivity();
            without.Remove(field);
            yield return HostilePayload.Json($"no {field}", without);
        }

        foreach (var nested in new[] { "from.id", "conversation.id", "recipient.id" })
        {
            var parts = nested.Split('.');
            var activity = baseActivity();
            activity[parts[0]]![parts[1]] = new JsonArray();
            yield return HostilePayload.Json($"{nested} as array", activity);
        }

        foreach (var (name, text) in Texts())
        {
            var activity = baseActivity();
            activity["text"] = text;
            yield return HostilePayload.Json(name, activity);
        }

        foreach (var (name, type, extra) in Types())
        {
            var activity = baseActivity();
            activity["type"] = type;
            foreach (var (key, value) in extra)
            {
                activity[key] = value?.DeepClone();
            }

            yield return HostilePayload.Json(name, activity);
        }

        foreach (var payload in Structural(baseActivity))
        {
            yield return payload;
        }
    }

    /// <summary>Payloads for Direct Line's activity POST (the service fills in the addressing itself).</summary>
    public static IEnumerable<HostilePayload> ForDirectLine()
    {
        JsonObject Base() => new() { ["type"] = "message", ["text"] = "hello", ["from"] = new JsonObject { ["id"] = "r_webchat" } };
        foreach (var field in new[] { "type", "text", "from", "timestamp", "locale", "entities", "attachments", "channelData", "value", "conversation", "id", "serviceUrl", "replyToId" })
        {
            foreach (var (kind, value) in s_wrongValues)
            {
                var activity = Base();
                activity[field] = value();
                yield return HostilePayload.Json($"DL {field} as {kind}", activity);
            }
        }

        foreach (var (name, text) in Texts())
        {
            var activity = Base();
            activity["text"] = text;
            yield return HostilePayload.Json($"DL {name}", activity);
        }

        foreach (var (name, type, extra) in Types())
        {
            var activity = Base();
            activity["type"] = type;
            foreach (var (key, value) in extra)
            {
                activity[key] = value?.DeepClone();
            }

            yield return HostilePayload.Json($"DL {name}", activity);
        }

        foreach (var payload in Structural(Base))
        {
            yield return payload with { Name = $"DL {payload.Name}" };
        }
    }

    /// <summary>Message texts a person (or a script) might send.</summary>
    public static IEnumerable<(string Name, string Text)> Texts()
    {
        yield return ("script tag", "<script>alert('edge')</script> what is a GAN?");
        yield return ("img onerror", "<img src=x onerror=alert(1)> what is tokenization?");
        yield return ("markdown javascript link", "[click](javascript:alert(1)) explain diffusion models");
        yield return ("html entities", "&lt;script&gt; &amp; &#x3C;b&#x3E; what is RLHF?");
        yield return ("control characters", "what\u0000is\u0001a\u0007transformer\u001b[31m\u007f?");
        yield return ("right-to-left override", "what is \u202egnirts desrever\u202c a GAN?");
        yield return ("Arabic", "ما هو الذكاء الاصطناعي التوليدي؟");
        yield return ("Hebrew with LTR mix", "מה זה GPT-4 ו-Gemini?");
        yield return ("zero-width and BOM", "what\u200b is\ufeff a\u200d token?");
        yield return ("emoji flood", string.Concat(Enumerable.Repeat("🤖🔥", 2000)));
        yield return ("100 KB of words", string.Join(' ', Enumerable.Repeat("transformer attention", 5000)));
        yield return ("one 50 KB word", new string('a', 50_000));
        yield return ("many lines", string.Join('\n', Enumerable.Repeat("?", 20_000)));
        yield return ("SQL", "'; DROP TABLE state_items; -- what is a GAN?");
        yield return ("format string", "{0} {1} %s %n %x {Key} what is RLHF?");
        yield return ("adaptive card JSON as text", "{\"type\":\"AdaptiveCard\",\"body\":[{\"type\":\"TextBlock\",\"text\":\"<script>\"}]}");
        yield return ("empty", string.Empty);
        yield return ("whitespace", " \t\r\n ");
    }

    private static IEnumerable<(string Name, string Type, (string Key, JsonNode? Value)[] Extra)> Types()
    {
        yield return ("invoke without name", "invoke", []);
        yield return ("unknown invoke", "invoke", [("name", "edge/unknown"), ("value", new JsonObject())]);
        yield return ("feedback invoke with garbage", "invoke", [("name", "message/submitAction"), ("value", new JsonArray(1, 2))]);
        yield return ("adaptive card action with garbage", "invoke", [("name", "adaptiveCard/action"), ("value", JsonValue.Create("x"))]);
        yield return ("event without name", "event", []);
        yield return ("handoff event with garbage", "event", [("name", "handoff.status"), ("value", JsonValue.Create(7))]);
        yield return ("feedback event with garbage", "event", [("name", "feedback"), ("value", new JsonObject { ["rating"] = new JsonArray() })]);
        yield return ("conversationUpdate with odd members", "conversationUpdate", [("membersAdded", new JsonArray(new JsonObject(), new JsonObject { ["id"] = new JsonArray() }))]);
        yield return ("messageReaction", "messageReaction", [("reactionsAdded", new JsonArray(new JsonObject { ["type"] = "like" }))]);
        yield return ("typing", "typing", []);
        yield return ("endOfConversation", "endOfConversation", []);
        yield return ("installationUpdate", "installationUpdate", [("action", "add")]);
        yield return ("unknown type", "edge-unknown", []);
        yield return ("message with a card attachment full of markup", "message", [("attachments", new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = new JsonObject { ["body"] = "<script>alert(1)</script>" },
        }))]);
        yield return ("message with a value but no text", "message", [("value", new JsonObject { ["action"] = "<script>" }), ("text", null)]);
    }

    private static IEnumerable<HostilePayload> Structural(Func<JsonObject> baseActivity)
    {
        var oneMegabyte = baseActivity();
        oneMegabyte["text"] = new string('x', 1024 * 1024);
        yield return HostilePayload.Json("1 MB text", oneMegabyte);

        yield return HostilePayload.Raw("nested 10000 deep", new string('[', 10_000) + new string(']', 10_000));
        var nested = baseActivity();
        JsonNode deep = JsonValue.Create("bottom");
        for (var i = 0; i < 60; i++)
        {
            deep = new JsonObject { ["d"] = deep };
        }

        nested["channelData"] = deep;
        yield return HostilePayload.Json("channelData nested 60 deep", nested);

        var tooDeep = baseActivity().ToJsonString();
        yield return HostilePayload.Raw("value nested 200 deep", tooDeep[..^1] + ",\"value\":" + new string('[', 200) + new string(']', 200) + "}");

        var entities = baseActivity();
        entities["entities"] = new JsonArray([.. Enumerable.Range(0, 40_000).Select(_ => (JsonNode)new JsonObject())]);
        yield return HostilePayload.Json("40000 entities", entities);

        var attachments = baseActivity();
        attachments["attachments"] = new JsonArray([.. Enumerable.Range(0, 5_000).Select(i => (JsonNode)new JsonObject { ["contentType"] = "text/plain", ["content"] = $"a{i}" })]);
        yield return HostilePayload.Json("5000 attachments", attachments);

        var members = baseActivity();
        members["type"] = "conversationUpdate";
        members["membersAdded"] = new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode)new JsonObject { ["id"] = $"m{i}" })]);
        yield return HostilePayload.Json("10000 members added", members);

        var valid = Encoding.UTF8.GetBytes(baseActivity().ToJsonString());
        var marker = Encoding.UTF8.GetBytes("\"text\":\"");
        var at = valid.AsSpan().IndexOf(marker) + marker.Length;
        yield return new HostilePayload("invalid UTF-8 in text", [.. valid[..at], 0xC3, 0x28, 0xFF, 0xFE, .. valid[at..]]);
        var surrogate = Encoding.UTF8.GetBytes("\\ud800\\udfff\\udc00 lone surrogates ");
        yield return new HostilePayload("lone surrogates in text", [.. valid[..at], .. surrogate, .. valid[at..]]);
        yield return new HostilePayload("UTF-16 body", Encoding.Unicode.GetBytes(baseActivity().ToJsonString()));
        yield return new HostilePayload("BOM then JSON", [0xEF, 0xBB, 0xBF, .. valid]);
        yield return HostilePayload.Raw("duplicate keys", baseActivity().ToJsonString()[..^1] + ",\"type\":\"event\",\"type\":\"message\"}");
        yield return HostilePayload.Raw("truncated JSON", baseActivity().ToJsonString()[..40]);
        yield return HostilePayload.Raw("trailing garbage", baseActivity().ToJsonString() + "}}}");
        yield return HostilePayload.Raw("JSON null", "null");
        yield return HostilePayload.Raw("JSON string", "\"message\"");
        yield return HostilePayload.Raw("empty body", string.Empty);
        yield return HostilePayload.Raw("NUL bytes", "\0\0\0\0");
        yield return HostilePayload.Raw("as text/plain", baseActivity().ToJsonString(), "text/plain");
        yield return HostilePayload.Raw("as a form", "type=message&text=hi", "application/x-www-form-urlencoded");
        yield return HostilePayload.Raw("as XML", "<activity><type>message</type></activity>", "application/xml");
        yield return HostilePayload.Raw("as multipart", "--b\r\n\r\nhi\r\n--b--", "multipart/form-data; boundary=b");
        yield return HostilePayload.Raw("without a content type", baseActivity().ToJsonString(), null);
        yield return HostilePayload.Raw("content type with bad charset", baseActivity().ToJsonString(), "application/json; charset=klingon");
    }
}
