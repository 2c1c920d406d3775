using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chatbot.Testing;

/// <summary>
/// Hosting shared by the fake LLM servers: Kestrel on a free loopback port inside the test process,
/// scripted chat replies, and a record of every request.
/// </summary>
public abstract class FakeLlmServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeChatScript> _scripts = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _chatRequestCount;

    /// <summary>The server's root address, e.g. <c>http://127.0.0.1:54321/</c>; set once started.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The script for chat requests when none is queued.</summary>
    public FakeChatScript DefaultScript { get; set; } = new();

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>How many chat requests arrived.</summary>
    public int ChatRequestCount => Volatile.Read(ref _chatRequestCount);

    /// <summary>Queues scripts for the next chat requests, in order; <see cref="DefaultScript"/> follows.</summary>
    public void Enqueue(params FakeChatScript[] scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        foreach (var script in scripts)
        {
            _scripts.Enqueue(script);
        }
    }

    /// <summary>Maps the provider's endpoints.</summary>
    protected abstract void MapEndpoints(WebApplication app);

    /// <summary>Takes the script for the chat request being served and counts it.</summary>
    protected FakeChatScript NextChatScript()
    {
        Interlocked.Increment(ref _chatRequestCount);
        return _scripts.TryDequeue(out var script) ? script : DefaultScript;
    }

    /// <summary>A token that fires when the client goes away or the server stops.</summary>
    protected CancellationToken RequestLifetime(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        context.Response.RegisterForDispose(linked);
        return linked.Token;
    }

    /// <summary>Runs a scripted reply; the client going away mid-reply is part of the script, not an error.</summary>
    protected static async Task IgnoreClientGoneAsync(Func<Task> reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        try
        {
            await reply();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client cancelled or the connection was cut.
        }
    }

    /// <summary>Plays <paramref name="script"/>'s chunks through <paramref name="writeChunk"/>, with its delays and faults.</summary>
    protected async Task PlayChunksAsync(HttpContext context, FakeChatScript script, Func<string, Task> writeChunk)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(writeChunk);

        var lifetime = RequestLifetime(context);
        await context.Response.StartAsync(lifetime);
        await context.Response.Body.FlushAsync(lifetime);
        if (script.DelayBeforeFirstChunk > TimeSpan.Zero)
        {
            await Task.Delay(script.DelayBeforeFirstChunk, lifetime);
        }

        for (var i = 0; i < script.Chunks.Count; i++)
        {
            if (script.StallAfterChunks == i)
            {
                await StallAsync(lifetime);
                return;
            }

            if (script.AbortAfterChunks == i)
            {
                await CutAsync(context, script, lifetime);
                return;
            }

            if (i > 0 && script.DelayBetweenChunks > TimeSpan.Zero)
            {
                await Task.Delay(script.DelayBetweenChunks, lifetime);
            }

            await writeChunk(script.Chunks[i]);
            await context.Response.Body.FlushAsync(lifetime);
        }

        if (script.StallAfterChunks is not null)
        {
            await StallAsync(lifetime);
        }
        else if (script.AbortAfterChunks is not null)
        {
            await CutAsync(context, script, lifetime);
        }
    }

    /// <summary>Waits for the whole scripted delay of a non-streaming reply, honouring stalls.</summary>
    protected async Task WaitForWholeReplyAsync(HttpContext context, FakeChatScript script)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(script);

        var lifetime = RequestLifetime(context);
        var delay = script.DelayBeforeFirstChunk + (script.DelayBetweenChunks * Math.Max(0, script.Chunks.Count - 1));
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, lifetime);
        }

        if (script.StallAfterChunks is not null)
        {
            await StallAsync(lifetime);
        }
    }

    /// <summary>Starts Kestrel on <c>127.0.0.1:0</c> and reads back the port it got.</summary>
    protected async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", body, headers));
            await next(context);
        });
        MapEndpoints(app);

        await app.StartAsync();
        _app = app;
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Cuts the connection in the middle of the response body (a TCP reset), when the script's gate opens.</summary>
    private static async Task CutAsync(HttpContext context, FakeChatScript script, CancellationToken lifetime)
    {
        if (script.AbortWhen is { } gate)
        {
            await gate.WaitAsync(lifetime);
        }

        context.Abort();
    }

    private static async Task StallAsync(CancellationToken lifetime)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, lifetime);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server is stopping: the stall is over.
        }
    }
}
