using Chatbot.Protection;
using Microsoft.Extensions.Options;

namespace Chatbot.DirectLine;

/// <summary>Maps the local Direct Line 3.0 service and the Azure token exchange.</summary>
public static class DirectLineWebApplicationExtensions
{
    /// <summary>
    /// Maps <c>/v3/directline</c> (start, reconnect, post and poll activities, generate and refresh
    /// tokens), answered only while <see cref="DirectLineOptions.IsEnabledIn"/> holds and 404
    /// otherwise, callable from the pages of <see cref="Protection.ProtectionOptions.AllowedOrigins"/> and rate-limited per
    /// client; and <c>POST /api/directline/token</c>, which exchanges
    /// <see cref="DirectLineOptions.AzureSecret"/> for a token (404 when it is not set).
    /// </summary>
    public static WebApplication MapDirectLine(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var directLine = app.MapGroup("/v3/directline")
            .RequireCors(ProtectionServiceCollectionExtensions.CorsPolicy)
            .RequireRateLimiting(ProtectionServiceCollectionExtensions.ClientPolicy)
            .AddEndpointFilter(ServeWhenEnabledAsync);
        directLine.MapPost("/conversations", DirectLineEndpoints.StartConversationAsync);
        directLine.MapGet("/conversations/{conversationId}", DirectLineEndpoints.ReconnectAsync);
        directLine.MapPost("/conversations/{conversationId}/activities", DirectLineEndpoints.PostActivityAsync);
        directLine.MapGet("/conversations/{conversationId}/activities", DirectLineEndpoints.GetActivitiesAsync);
        directLine.MapPost("/tokens/generate", DirectLineEndpoints.GenerateTokenAsync);
        directLine.MapPost("/tokens/refresh", DirectLineEndpoints.RefreshTokenAsync);

        app.MapPost("/api/directline/token", async (HttpContext http, IOptions<DirectLineOptions> options, AzureDirectLineTokenClient azure) =>
        {
            if (!options.Value.HasAzureSecret)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            var token = await azure.GenerateAsync(http.RequestAborted);
            return token is null
                ? DirectLineErrors.BadGateway("Azure Direct Line did not issue a token; the bot's log says why.")
                : Results.Ok(token);
        }).RequireRateLimiting(ProtectionServiceCollectionExtensions.ClientPolicy);
        return app;
    }

    // Decided per request, not at mapping time, so a bad setting is reported by the start-up
    // validation (exit code 2) rather than thrown from here.
    private static async ValueTask<object?> ServeWhenEnabledAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        if (!options.IsEnabledIn(services.GetRequiredService<IHostEnvironment>()))
        {
            return Results.NotFound();
        }

        // Tokens and conversations must never be served from a cache.
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
