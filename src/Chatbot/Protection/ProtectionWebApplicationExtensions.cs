using Microsoft.Extensions.Options;

namespace Chatbot.Protection;

/// <summary>Adds the request protection to the app's pipeline.</summary>
public static class ProtectionWebApplicationExtensions
{
    /// <summary>
    /// Refuses a cross-origin preflight (403) unless it comes to <c>/v3/directline</c> from one of
    /// <see cref="ProtectionOptions.AllowedOrigins"/>, then runs CORS and the rate limiter for the endpoints that ask for them.
    /// </summary>
    public static WebApplication UseProtection(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (http, next) =>
        {
            if (IsForeignPreflight(http))
            {
                var origin = http.Request.Headers.Origin.ToString();
                await Results.Problem(
                    detail: $"Pages from {origin} may not call {http.Request.Path}; Protection:AllowedOrigins names the origins whose pages may call /v3/directline.",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Cross-origin request refused.").ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        app.UseCors();
        app.UseRateLimiter();
        return app;
    }

    private static bool IsForeignPreflight(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsOptions(request.Method) || !request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (!ProtectionOptionsValidator.IsOrigin(origin))
        {
            // "null" (a sandboxed page or a file) and anything unreadable are foreign.
            return true;
        }

        var normalized = ProtectionOptionsValidator.Normalize(origin);
        var own = $"{request.Scheme}://{request.Host}";
        if (ProtectionOptionsValidator.IsOrigin(own) && string.Equals(normalized, ProtectionOptionsValidator.Normalize(own), StringComparison.Ordinal))
        {
            return false;
        }

        var allowed = http.RequestServices.GetRequiredService<IOptions<ProtectionOptions>>().Value.AllowedOrigins;
        return !request.Path.StartsWithSegments("/v3/directline", StringComparison.OrdinalIgnoreCase)
            || !allowed.Any(a => string.Equals(ProtectionOptionsValidator.Normalize(a), normalized, StringComparison.Ordinal));
    }
}
