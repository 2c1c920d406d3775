using Chatbot.Conversation.Intents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatbot.Conversation;

/// <summary>Registers intent recognition.</summary>
public static class IntentServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IntentOptions"/> (section <c>Intents</c>) and the local <see cref="IntentRecognizer"/>; needs an embedding generator.</summary>
    public static IServiceCollection AddIntentRecognition(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntentOptions>()
            .Bind(configuration.GetSection(IntentOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IIntentRecognizer, IntentRecognizer>();
        return services;
    }
}
