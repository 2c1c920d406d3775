using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chatbot.DirectLine;

/// <summary>Registers the local Direct Line 3.0 channel and the Azure token exchange.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>The CORS policy of <c>/v3/directline</c>: any origin, as the real service allows.</summary>
    internal const string CorsPolicy = "DirectLine";

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

        // Tokens travel in a header, never in cookies, so any origin may call (as with Azure's
        // service), and Web Chat can be served from another port while it is developed.
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods(HttpMethods.Get, HttpMethods.Post)));
        return services;
    }
}
