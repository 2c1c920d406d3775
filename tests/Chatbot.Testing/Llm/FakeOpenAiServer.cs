using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chatbot.Testing;

/// <summary>
/// A fake OpenAI-compatible server: <c>POST /v1/chat/completions</c> answering with server-sent events
/// (<c>data: {chunk}</c> lines, then <c>data: [DONE]</c>) when <c>stream</c> is true and with one JSON object otherwise,
/// with scripted replies and faults (<see cref="FakeChatScript"/>).
/// </summary>
public sealed class FakeOpenAiServer : FakeLlmServer
{
    private FakeOpenAiServer()
    {
    }

    /// <summary>The endpoint to give an OpenAI client: the base address with <c>/v1</c>.</summary>
    public Uri Endpoint => new(BaseAddress, "v1");

    /// <summary>Starts a server.</summary>
    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        await server.StartCoreAsync();
        return server;
    }

    protected override void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/chat/completions", ChatCompletionsAsync);
    }

    private async Task ChatCompletionsAsync(HttpContext context)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var model = (string?)request?["model"] ?? "";
        var stream = request?["stream"] is JsonValue streamValue && streamValue.GetValue<bool>();
        var script = NextChatScript();
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12];
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await IgnoreClientGoneAsync(async () =>
        {
            if (script.StatusCode is int status)
            {
                context.Response.StatusCode = status;
                var error = new JsonObject
                {
                    ["error"] = new JsonObject { ["message"] = "scripted failure", ["type"] = "server_error", ["param"] = null, ["code"] = null },
                };
                await context.Response.WriteAsJsonAsync(error, RequestLifetime(context));
                return;
            }

            if (!stream)
            {
                await WaitForWholeReplyAsync(context, script);
                var completion = new JsonObject
                {
                    ["id"] = id,
                    ["object"] = "chat.completion",
                    ["created"] = created,
                    ["model"] = model,
                    ["choices"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0,
                        ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = script.FullText },
                        ["finish_reason"] = "stop",
                    }),
                    ["usage"] = Usage(),
                };
                await context.Response.WriteAsJsonAsync(completion, RequestLifetime(context));
                return;
            }

            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var first = true;
            await PlayChunksAsync(context, script, async chunk =>
            {
                // Like OpenAI, the first chunk carries the role with empty content.
                if (first)
                {
                    first = false;
                    await WriteEventAsync(context, Chunk(id, created, model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null));
                }

                await WriteEventAsync(context, Chunk(id, created, model, new JsonObject { ["content"] = chunk }, null));
            });
            if (script.StallAfterChunks is null && script.AbortAfterChunks is null)
            {
                await WriteEventAsync(context, Chunk(id, created, model, [], "stop"));
                await context.Response.WriteAsync("data: [DONE]\n\n", RequestLifetime(context));
            }
        });
    }

    private static JsonObject Chunk(string id, long created, string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
        }),
    };

    private static JsonObject Usage() => new() { ["prompt_tokens"] = 26, ["completion_tokens"] = 12, ["total_tokens"] = 38 };

    private Task WriteEventAsync(HttpContext context, JsonObject data) =>
        context.Response.WriteAsync("data: " + data.ToJsonString() + "\n\n", RequestLifetime(context));
}
