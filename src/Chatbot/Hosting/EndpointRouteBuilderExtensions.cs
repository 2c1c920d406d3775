using Chatbot.Protection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.IdentityModel.Tokens;

namespace Chatbot.Hosting;

/// <summary>Maps the bot's HTTP endpoints.</summary>
public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>POST /api/messages</c>: Bot Framework activities (checked, counted against the rate limits, then handed to the adapter);
    /// <c>GET /healthz</c>: which storage and LLM backend are in use.
    /// </summary>
    public static IEndpointRouteBuilder MapChatbotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapPost("/api/messages", async (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot, ConversationRateLimiter conversations) =>
        {
            var check = await ActivityRequestValidator.ValidateAsync(http.Request, http.RequestAborted);
            if (check.Problem is not null)
            {
                return check.Problem;
            }

            if (!conversations.TryAcquire(check.ChannelId!, check.ConversationId!, out var retryAfter))
            {
                return TooManyRequests.Result(http, retryAfter, "This conversation has sent more activities than Protection:MessagesPerSecondPerConversation allows; wait as Retry-After says.");
            }

            try
            {
                await adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted);
            }
            catch (SecurityTokenException) when (!http.Response.HasStarted)
            {
                // CloudAdapter answers 401 for a missing token but lets a token that fails
                // validation (bad signature, wrong audience, expired) escape as an exception.
                // Either way the caller is unauthenticated and the bot has not run.
                return Results.Unauthorized();
            }

            return Results.Empty;
        }).RequireRateLimiting(ProtectionServiceCollectionExtensions.ClientPolicy);

        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        return endpoints;
    }
}
