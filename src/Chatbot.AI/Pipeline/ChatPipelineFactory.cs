using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Pipeline;

/// <summary>
/// The one place the chat pipeline is built. Outermost first: logging (prompt text only at Trace), OpenTelemetry
/// (source <see cref="TelemetrySourceName"/>), the distributed cache when enabled and registered, then
/// <see cref="ResilientChatClient"/> right around the provider's client.
/// </summary>
public sealed class ChatPipelineFactory
{
    /// <summary>The OpenTelemetry source the pipeline reports under.</summary>
    public const string TelemetrySourceName = "Chatbot.AI";

    private readonly IOptions<LlmOptions> _options;
    private readonly IServiceProvider _services;

    public ChatPipelineFactory(IOptions<LlmOptions> options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        _options = options;
        _services = services;
    }

    /// <summary>Wraps a provider's client (or a test double) in the pipeline.</summary>
    public IChatClient Build(IChatClient innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        var options = _options.Value;

        var builder = new ChatClientBuilder(innerClient)
            .UseLogging()
            .UseOpenTelemetry(sourceName: TelemetrySourceName);

        if (options.EnableCache && _services.GetService<IDistributedCache>() is { } cache)
        {
            builder.UseDistributedCache(cache);
        }

        builder.UseResilience(configure: client =>
        {
            client.FirstTokenTimeout = TimeSpan.FromSeconds(options.FirstTokenTimeoutSeconds);
            if (options.StallTimeoutSeconds is double stall)
            {
                client.StallTimeout = TimeSpan.FromSeconds(stall);
            }

            client.TotalTimeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds);
            client.MaxRetries = options.MaxRetries;
            client.RetryBaseDelay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds);
            client.BreakAfterFailures = options.BreakAfterFailures;
            client.BreakDuration = TimeSpan.FromSeconds(options.BreakForSeconds);
        });

        return builder.Build(_services);
    }
}
