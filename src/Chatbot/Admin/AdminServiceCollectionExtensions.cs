using Chatbot.Storage;
using Chatbot.Storage.Reporting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chatbot.Admin;

/// <summary>Registers what the admin endpoints need.</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Admin</c> settings (validated on start), the report builder and the transcript reader. They read
    /// the <see cref="ChatbotDatabase"/> that the storage registration provides (and migrates at start-up).
    /// </summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PilotReportBuilder>();
        services.TryAddSingleton<ConversationTranscriptReader>();
        return services;
    }
}
