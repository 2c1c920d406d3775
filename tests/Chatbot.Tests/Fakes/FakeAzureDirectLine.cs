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
/// Azure's Direct Line service on loopback, as far as <c>POST /v3/directline/tokens/generate</c>
/// goes: it checks the secret and records each request.
/// </summary>
public sealed class FakeAzureDirectLine : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret;
    private readonly ConcurrentQueue<(string Authorization, JsonElement Body)> _requests = new();

    private FakeAzureDirectLine(WebApplication app, string secret)
    {
        _app = app;
        _secret = secret;
    }

    /// <summary>The base URL to configure as DirectLine:AzureEndpoint.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The Authorization header and JSON body of every token request.</summary>
    public IReadOnlyCollection<(string Authorization, JsonElement Body)> Requests => _requests;

    /// <summary>Starts the service on a free loopback port; it issues tokens to holders of <paramref name="secret"/>.</summary>
    public static async Task<FakeAzureDirectLine> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        var service = new FakeAzureDirectLine(app, secret);
        app.MapPost("/v3/directline/tokens/generate", (Func<HttpContext, Task<IResult>>)service.GenerateAsync);
        await app.StartAsync();
        service.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return service;
    }

    private async Task<IResult> GenerateAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var authorization = http.Request.Headers.Authorization.ToString();
        _requests.Enqueue((authorization, body.RootElement.Clone()));
        if (authorization != $"Bearer {_secret}")
        {
            return Results.Json(new { error = new { code = "BadArgument", message = "Invalid token or secret" } }, statusCode: StatusCodes.Status403Forbidden);
        }

        return Results.Json(new { conversationId = "azure-conversation-1", token = "azure-token-1", expires_in = 3600 });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
