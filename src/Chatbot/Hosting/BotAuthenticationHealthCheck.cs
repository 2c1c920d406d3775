using Chatbot.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Chatbot.Hosting;

/// <summary>Reports whether the bot accepts anonymous requests (local tools) or validates Bot Framework tokens.</summary>
public sealed class BotAuthenticationHealthCheck(IOptions<BotAuthenticationOptions> options) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var mode = options.Value.IsAnonymous ? "anonymous" : "bot-framework-jwt";
        var data = new Dictionary<string, object> { ["mode"] = mode };
        return Task.FromResult(HealthCheckResult.Healthy(
            options.Value.IsAnonymous ? "Anonymous: for the Emulator and the Agents Playground only." : "Bot Framework tokens are validated.",
            data));
    }
}
