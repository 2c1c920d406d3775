using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chatbot.DirectLine;

/// <summary>Registers the local Direct Line 3.0 channel and the Azure token exchange.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DirectLineOptions"/> (section <c>DirectLine</c>, validated on start), the
    /// conversation store, token issuer, in-process adapter and channel, and the Azure token client.
    /// The bot (<c>AddConversation</c>) must be registered too.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DirectLineOptions>()
            .Bind(configuration.GetSection(DirectLineOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DirectLineTokenIssuer>();
        services.TryAddSingleton<DirectLineAuthorization>();
        services.TryAddSingleton<DirectLineConversationStore>();
        services.TryAddSingleton<DirectLineAdapter>();
        services.TryAddSingleton<DirectLineChannel>();
        services.AddHostedService(sp => sp.GetRequiredService<DirectLineChannel>());
        services.AddHttpClient<AzureDirectLineTokenClient>(http => http.Timeout = TimeSpan.FromSeconds(15));
        return services;
    }
}
