using Chatbot.AI.Providers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chatbot.Hosting;

/// <summary>Reports which backend writes the answers: a language model, or the built-in extractive responder.</summary>
public sealed class LlmBackendHealthCheck(ChatBackendSelector selector) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backend = await selector.SelectAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["backend"] = backend.Name, ["isModel"] = backend.IsModel };
        if (backend.Endpoint is not null)
        {
            data["endpoint"] = backend.Endpoint.ToString();
        }

        return HealthCheckResult.Healthy(backend.Reason, data);
    }
}
