using Chatbot.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Chatbot.Hosting;

/// <summary>Reports which state store is in use.</summary>
public sealed class StorageHealthCheck(IOptions<StorageOptions> options) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = options.Value.Provider;
        var data = new Dictionary<string, object> { ["provider"] = provider.ToLowerInvariant() };
        return Task.FromResult(HealthCheckResult.Healthy($"State is kept in {provider}.", data));
    }
}
