using Chatbot.Configuration;
using Chatbot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace Chatbot.Hosting;

/// <summary>Wires the web host: options, state storage, the bot and health reporting.</summary>
public static class HostServiceCollectionExtensions
{
    /// <summary>Adds everything the bot's web host serves.</summary>
    public static IServiceCollection AddChatbotHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotAuthenticationOptions>()
            .Bind(configuration)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>();

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IStorage, MemoryStorage>();

        services.AddConversation(configuration);

        services.AddProblemDetails();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<BotAuthenticationHealthCheck>("authentication");
        return services;
    }
}
