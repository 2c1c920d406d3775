using Chatbot.Knowledge.Indexing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chatbot.Hosting;

/// <summary>Reports the size of the knowledge index; an empty index leaves the bot nothing to answer from.</summary>
public sealed class KnowledgeHealthCheck(KnowledgeIndex index) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["documents"] = index.Manifest.Files.Count,
            ["chunks"] = index.ChunkCount,
            ["model"] = index.ModelId,
        };
        return Task.FromResult(index.ChunkCount > 0
            ? HealthCheckResult.Healthy($"{index.ChunkCount} passages from {index.Manifest.Files.Count} documents.", data)
            : HealthCheckResult.Degraded("The knowledge index is empty: run the ingest command or check Knowledge:BuiltInPath.", data: data));
    }
}
