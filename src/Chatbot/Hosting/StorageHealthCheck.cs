using Chatbot.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chatbot.Hosting;

/// <summary>Reports which store keeps state, and whether its database answers.</summary>
public sealed class StorageHealthCheck(ChatbotDatabase database) : IHealthCheck
{
    /// <summary>How long the database may take to answer before the check calls it unreachable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = database.Provider.ToString();
        var data = new Dictionary<string, object> { ["provider"] = provider.ToLowerInvariant() };
        return await database.CanConnectAsync(ConnectTimeout, cancellationToken)
            ? HealthCheckResult.Healthy($"State is kept in {provider}.", data)
            : HealthCheckResult.Unhealthy($"The {provider} database did not answer within {ConnectTimeout.TotalSeconds:0} s; turns cannot load or save state.", data: data);
    }
}
