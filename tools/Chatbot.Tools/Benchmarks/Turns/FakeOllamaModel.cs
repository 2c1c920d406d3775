using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// A stand-in for an Ollama model with a known, fixed speed, so that what the app adds around a
/// model can be measured apart from the model. It speaks the parts of Ollama's HTTP API that
/// OllamaSharp uses: <c>GET /api/tags</c>, <c>POST /api/show</c> and <c>POST /api/chat</c>, which
/// streams NDJSON (or, with <c>"stream": false</c>, answers with one JSON object after the same time).
/// </summary>
/// <remarks>
/// Every answer is the same <see cref="TokenCount"/> tokens citing source [1], whatever was asked.
/// Token i (from 0) is written at <c>FirstTokenDelay + (i + 1) × TokenDelay</c> after the request
/// arrived; the schedule is kept against a clock, so timer slack does not add up over the answer.
/// </remarks>
public sealed class FakeOllamaModel : IAsyncDisposable
{
    /// <summary>Tokens in every answer.</summary>
    public const int DefaultTokenCount = 150;

    /// <summary>Time per token, in milliseconds.</summary>
    public const int DefaultTokenDelayMilliseconds = 10;

    /// <summary>Time before the first token (prompt processing), in milliseconds.</summary>
    public const int DefaultFirstTokenDelayMilliseconds = 50;

    /// <summary>The model name it lists and answers as.</summary>
    public const string ModelName = "llama3.2:latest";

    // Sentences in the style of the knowledge base, each citing [1]; repeated until the answer has its tokens.
    private static readonly string[] s_sentences =
    [
        "A generative model learns the patterns of its training data and produces new content that follows them [1].",
        "Large language models predict the next token from the tokens before it, one token at a time [1].",
        "Transformers use attention to weigh every token of the context against the others [1].",
        "The answer is only as reliable as the sources it draws on, so claims should be checked against them [1].",
    ];

    private readonly WebApplication _app;
    private readonly byte[][] _tokenLines;
    private readonly byte[] _doneLine;
    private readonly byte[] _wholeAnswer;
    private int _chatRequests;

    private FakeOllamaModel(WebApplication app, int tokenCount, TimeSpan tokenDelay, TimeSpan firstTokenDelay)
    {
        _app = app;
        TokenDelay = tokenDelay;
        FirstTokenDelay = firstTokenDelay;
        Tokens = MakeTokens(tokenCount);
        // The lines are the same for every request: serialize them once, so the fake costs little CPU in the measured process.
        _tokenLines = [.. Tokens.Select(token => Line(Chunk(token, done: false, tokenCount)))];
        _doneLine = Line(Chunk(string.Empty, done: true, tokenCount));
        _wholeAnswer = JsonSerializer.SerializeToUtf8Bytes(Chunk(string.Concat(Tokens), done: true, tokenCount));
    }

    /// <summary>The server's root address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The tokens of every answer, in order; joined, they are the answer's text.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>How many tokens an answer has.</summary>
    public int TokenCount => Tokens.Count;

    /// <summary>The time each token takes.</summary>
    public TimeSpan TokenDelay { get; }

    /// <summary>The time before the first token.</summary>
    public TimeSpan FirstTokenDelay { get; }

    /// <summary>The model's own time for one answer: the first-token delay plus <see cref="TokenCount"/> token delays.</summary>
    public TimeSpan AnswerTime => FirstTokenDelay + (TokenDelay * TokenCount);

    /// <summary>How many chat requests arrived.</summary>
    public int ChatRequests => Volatile.Read(ref _chatRequests);

    /// <summary>Starts the fake model on loopback.</summary>
    public static async Task<FakeOllamaModel> StartAsync(
        int tokenCount = DefaultTokenCount,
        TimeSpan? tokenDelay = null,
        TimeSpan? firstTokenDelay = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokenCount);
        var perToken = tokenDelay ?? TimeSpan.FromMilliseconds(DefaultTokenDelayMilliseconds);
        var first = firstTokenDelay ?? TimeSpan.FromMilliseconds(DefaultFirstTokenDelayMilliseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(perToken, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(first, TimeSpan.Zero);

        var model = new FakeOllamaModel(LoopbackHost.CreateBuilder().Build(), tokenCount, perToken, first);
        model.MapEndpoints();
        model.BaseAddress = await LoopbackHost.StartAsync(model._app, cancellationToken);
        return model;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await LoopbackHost.StopAsync(_app);

    private void MapEndpoints()
    {
        _app.MapGet("/", () => "Ollama is running");
        _app.MapGet("/api/version", () => Results.Json(new { version = "0.12.0" }));
        _app.MapGet("/api/tags", () => Results.Json(new
        {
            models = new[]
            {
                new
                {
                    name = ModelName,
                    model = ModelName,
                    modified_at = "2025-01-01T00:00:00Z",
                    size = 2_019_393_189L,
                    digest = "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
                    details = Details(),
                },
            },
        }));
        _app.MapPost("/api/show", () => Results.Json(new
        {
            modelfile = $"FROM {ModelName}",
            parameters = "stop \"<|eot_id|>\"",
            template = "{{ .Prompt }}",
            details = Details(),
            model_info = new Dictionary<string, object> { ["general.architecture"] = "llama", ["llama.context_length"] = 131072 },
            capabilities = new[] { "completion" },
        }));
        _app.MapPost("/api/chat", ChatAsync);
    }

    private async Task ChatAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        Interlocked.Increment(ref _chatRequests);
        var request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        var stream = request?["stream"] is not JsonValue streamValue || streamValue.GetValue<bool>();
        try
        {
            if (!stream)
            {
                await WaitUntilAsync(started, AnswerTime, cancellationToken);
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(_wholeAnswer, cancellationToken);
                return;
            }

            context.Response.ContentType = "application/x-ndjson";
            await context.Response.StartAsync(cancellationToken);
            for (var i = 0; i < _tokenLines.Length; i++)
            {
                await WaitUntilAsync(started, FirstTokenDelay + (TokenDelay * (i + 1)), cancellationToken);
                await context.Response.Body.WriteAsync(_tokenLines[i], cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }

            await context.Response.Body.WriteAsync(_doneLine, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The app gave up on the answer (its time limit) or went away; that is its business, not a fault of the fake.
        }
    }

    private static Task WaitUntilAsync(long started, TimeSpan due, CancellationToken cancellationToken)
    {
        var wait = due - Stopwatch.GetElapsedTime(started);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Whole sentences' words, each with its leading space, cut at <paramref name="count"/>; the last token closes with a citation.</summary>
    private static string[] MakeTokens(int count)
    {
        var tokens = new List<string>(count);
        for (var sentence = 0; tokens.Count < count; sentence++)
        {
            var words = s_sentences[sentence % s_sentences.Length].Split(' ');
            foreach (var word in words)
            {
                if (tokens.Count == count)
                {
                    break;
                }

                tokens.Add(tokens.Count == 0 ? word : " " + word);
            }
        }

        if (!tokens[^1].EndsWith("[1].", StringComparison.Ordinal))
        {
            tokens[^1] = count == 1 ? "[1]." : " [1].";
        }

        return [.. tokens];
    }

    private static JsonObject Chunk(string content, bool done, int tokenCount)
    {
        var chunk = new JsonObject
        {
            ["model"] = ModelName,
            ["created_at"] = "2025-01-01T00:00:00Z",
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
            chunk["eval_count"] = tokenCount;
            chunk["eval_duration"] = 1_000;
        }

        return chunk;
    }

    private static byte[] Line(JsonObject chunk) => Encoding.UTF8.GetBytes(chunk.ToJsonString() + "\n");

    private static object Details() => new { format = "gguf", family = "llama", parameter_size = "3.2B", quantization_level = "Q4_K_M" };
}
