using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Tests.Fakes;

/// <summary>
/// A Bot Framework connector on loopback, as the Emulator runs one: it records every reply the bot
/// POSTs to <c>{serviceUrl}/v3/conversations/{id}/activities/{replyToId}</c>.
/// </summary>
public sealed class FakeConnectorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedReply> _replies = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private FakeConnectorServer(WebApplication app) => _app = app;

    /// <summary>The base URL to put in an activity's <c>serviceUrl</c>.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>When set, activities of type "event" are refused with 400, as Teams refuses a handoff event.</summary>
    public bool RejectEvents { get; set; }

    /// <summary>The replies received so far.</summary>
    public IReadOnlyCollection<ReceivedReply> Replies => _replies;

    /// <summary>Starts the connector on a free loopback port.</summary>
    public static async Task<FakeConnectorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();

        // Not UseUrls: the bot's appsettings.json (copied next to the tests) sets Urls, which would win.
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new FakeConnectorServer(app);

        // ReplyToActivity and SendToConversation: the same connector behaviour, with and without a replyToId.
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpContext http, string conversationId, string replyToId) => server.ReceiveAsync(http, conversationId, replyToId));
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext http, string conversationId) => server.ReceiveAsync(http, conversationId, null));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.ServiceUrl = new Uri(address + "/");
        return server;
    }

    private async Task<IResult> ReceiveAsync(HttpContext http, string conversationId, string? replyToId)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        if (RejectEvents && body.RootElement.GetProperty("type").GetString() == "event")
        {
            return Results.BadRequest(new { error = new { code = "BadArgument", message = "Unsupported activity type." } });
        }

        _replies.Enqueue(new ReceivedReply(conversationId, replyToId, body.RootElement.Clone(), http.Request.Headers.Authorization.ToString()));
        _arrived.Release();
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }

    /// <summary>Waits until <paramref name="count"/> replies have arrived in all, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedReply>> WaitForRepliesAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (_replies.Count < count)
        {
            await _arrived.WaitAsync(cts.Token);
        }

        return [.. _replies];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}

/// <summary>One activity the bot sent to the connector.</summary>
public sealed record ReceivedReply(string ConversationId, string? ReplyToId, JsonElement Activity, string Authorization)
{
    /// <summary>The reply's text.</summary>
    public string? Text => Activity.TryGetProperty("text", out var t) ? t.GetString() : null;
}
