using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace Chatbot.Hosting;

/// <summary>Maps the bot's HTTP endpoints.</summary>
public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>POST /api/messages</c>: Bot Framework activities (checked, then handed to the adapter);
    /// <c>GET /healthz</c>: which storage and LLM backend are in use.
    /// </summary>
    public static IEndpointRouteBuilder MapChatbotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapPost("/api/messages", async (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot) =>
        {
            var problem = await ActivityRequestValidator.ValidateAsync(http.Request, http.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }

            await adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted);
            return Results.Empty;
        });

        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        return endpoints;
    }
}
