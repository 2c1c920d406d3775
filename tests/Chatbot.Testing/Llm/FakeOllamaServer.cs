using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chatbot.Testing;

/// <summary>
/// A fake Ollama server speaking the parts of its HTTP API the chatbot uses:
/// <c>GET /api/tags</c>, <c>POST /api/show</c> and <c>POST /api/chat</c> (NDJSON streaming or one JSON object),
/// with scripted replies and faults (<see cref="FakeChatScript"/>).
/// </summary>
public sealed class FakeOllamaServer : FakeLlmServer
{
    private FakeOllamaServer(IEnumerable<string> models)
    {
        Models = [.. models];
    }

    /// <summary>The model names <c>/api/tags</c> lists, e.g. <c>llama3.2:latest</c>.</summary>
    public List<string> Models { get; }

    /// <summary>When set, <c>/api/tags</c> answers with this HTTP status instead of the model list.</summary>
    public int? TagsStatusCode { get; set; }

    /// <summary>Starts a server that has the given models.</summary>
    public static async Task<FakeOllamaServer> StartAsync(params string[] models)
    {
        var server = new FakeOllamaServer(models);
        await server.StartCoreAsync();
        return server;
    }

    protected override void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => "Ollama is running");
        app.MapGet("/api/tags", ListModels);
        app.MapPost("/api/show", (HttpRequest request) => ShowModelAsync(request));
        app.MapPost("/api/chat", ChatAsync);
    }

    private IResult ListModels()
    {
        if (TagsStatusCode is int status)
        {
            return Results.Json(new { error = "scripted failure" }, statusCode: status);
        }

        var models = Models.Select(name => new
        {
            name,
            model = name,
            modified_at = "2025-01-01T00:00:00Z",
            size = 2_019_393_189L,
            digest = "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
            details = new { format = "gguf", family = "llama", parameter_size = "3.2B", quantization_level = "Q4_K_M" },
        });
        return Results.Json(new { models });
    }

    private async Task<IResult> ShowModelAsync(HttpRequest httpRequest)
    {
        var request = await JsonNode.ParseAsync(httpRequest.Body, cancellationToken: httpRequest.HttpContext.RequestAborted);
        var name = (string?)request?["model"] ?? (string?)request?["name"] ?? "";
        if (!Models.Any(m => SameModel(m, name)))
        {
            return Results.Json(new { error = $"model '{name}' not found" }, statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Json(new
        {
            modelfile = $"FROM {name}",
            parameters = "stop \"<|eot_id|>\"",
            template = "{{ .Prompt }}",
            details = new { format = "gguf", family = "llama", parameter_size = "3.2B", quantization_level = "Q4_K_M" },
            model_info = new Dictionary<string, object> { ["general.architecture"] = "llama", ["llama.context_length"] = 131072 },
            capabilities = new[] { "completion" },
        });
    }

    private async Task ChatAsync(HttpContext context)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var model = (string?)request?["model"] ?? "";
        var stream = request?["stream"] is not JsonValue streamValue || streamValue.GetValue<bool>();
        var script = NextChatScript();

        await IgnoreClientGoneAsync(async () =>
        {
            if (script.StatusCode is int status)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new { error = "scripted failure" }, RequestLifetime(context));
                return;
            }

            if (!stream)
            {
                await WaitForWholeReplyAsync(context, script);
                await context.Response.WriteAsJsonAsync(Chunk(model, script.FullText, done: true), RequestLifetime(context));
                return;
            }

            context.Response.ContentType = "application/x-ndjson";
            await PlayChunksAsync(context, script, chunk => WriteLineAsync(context, Chunk(model, chunk, done: false)));
            if (script.StallAfterChunks is null && script.AbortAfterChunks is null)
            {
                await WriteLineAsync(context, Chunk(model, "", done: true));
            }
        });
    }

    private static JsonObject Chunk(string model, string content, bool done)
    {
        var chunk = new JsonObject
        {
            ["model"] = model,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["done"] = done,
        };
        if (done)
        {
            chunk["done_reason"] = "stop";
            chunk["total_duration"] = 1_000_000;
            chunk["load_duration"] = 1_000;
            chunk["prompt_eval_count"] = 26;
            chunk["prompt_eval_duration"] = 1_000;
            chunk["eval_count"] = 12;
            chunk["eval_duration"] = 1_000;
        }

        return chunk;
    }

    private Task WriteLineAsync(HttpContext context, JsonObject line) =>
        context.Response.WriteAsync(line.ToJsonString() + "\n", RequestLifetime(context));

    private static bool SameModel(string listed, string requested) =>
        string.Equals(WithTag(listed), WithTag(requested), StringComparison.OrdinalIgnoreCase);

    private static string WithTag(string name) => name.Contains(':', StringComparison.Ordinal) ? name : name + ":latest";
}
