using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.AI.Pipeline;

/// <summary>Adds <see cref="ResilientChatClient"/> to a chat pipeline.</summary>
public static class ResilientChatClientBuilderExtensions
{
    /// <summary>
    /// Adds timeouts, retries before content and a circuit breaker. The logger factory and time provider, when not given,
    /// come from the service provider (falling back to none and <see cref="TimeProvider.System"/>).
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="loggerFactory">Where the client logs; resolved from services when null.</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and the breaker; resolved from services when null.</param>
    /// <param name="configure">Sets the client's timeouts, retries and breaker settings.</param>
    public static ChatClientBuilder UseResilience(
        this ChatClientBuilder builder,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        Action<ResilientChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.Use((innerClient, services) =>
        {
            loggerFactory ??= services.GetService<ILoggerFactory>();
            timeProvider ??= services.GetService<TimeProvider>();
            var client = new ResilientChatClient(innerClient, loggerFactory?.CreateLogger(typeof(ResilientChatClient)), timeProvider);
            configure?.Invoke(client);
            return client;
        });
    }
}
