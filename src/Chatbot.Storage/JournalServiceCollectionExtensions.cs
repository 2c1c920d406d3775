using Chatbot.Conversation.Journal;
using Chatbot.Storage.Journal;
using Chatbot.Storage.Redaction;
using Chatbot.Storage.Retention;
using Chatbot.Storage.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage;

/// <summary>Registers what a pilot reviews later: transcripts, the conversation journal, their redaction and retention.</summary>
public static class JournalServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="IConversationJournal"/> and, unless <c>Storage:Transcripts</c> is false, the
    /// <see cref="ITranscriptStore"/> the adapters log every activity to, both in the bot's database; the
    /// <see cref="PersonalDataRedactor"/> (<c>Storage:RedactPersonalData</c>) they store text through; and the
    /// <see cref="RetentionService"/> that deletes what is older than <c>Storage:RetentionDays</c>.
    /// <see cref="DatabaseTranscriptStore"/> is registered either way, for reading transcripts already kept.
    /// </summary>
    public static IServiceCollection AddConversationJournal(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The database itself, until AddChatbotStorage registers it (with the section's validation) for state too.
        // Hosted services reach the database (through the adapters' transcript store) before start-up validation
        // runs: a section that does not bind must not crash there, but be reported by the validation, naming it.
        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>()
            .Configure(options =>
            {
                if (!TryBind(section, options))
                {
                    options.Provider = StorageProvider.Memory; // nothing is opened on disk before the error is reported
                }
            })
            .ValidateDataAnnotations()
            .Validate(_ => TryBind(section, new StorageOptions()), "Storage: a setting has a value of the wrong kind (Provider is Sqlite, Postgres or Memory; RetentionDays a whole number of days; RedactPersonalData and Transcripts true or false).")
            .ValidateOnStart();
        services.TryAddSingleton<ChatbotDatabase>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, JournalDatabaseMigrator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PersonalDataRedactor(sp.GetRequiredService<IOptions<StorageOptions>>().Value.RedactPersonalData));
        services.TryAddSingleton<ActivityRedactor>();
        services.TryAddSingleton<IConversationJournal, DatabaseConversationJournal>();
        services.TryAddSingleton<DatabaseTranscriptStore>();
        if (configuration.GetSection(StorageOptions.SectionName).GetValue(nameof(StorageOptions.Transcripts), defaultValue: true))
        {
            services.TryAddSingleton<ITranscriptStore>(sp => sp.GetRequiredService<DatabaseTranscriptStore>());
        }

        services.AddHostedService<RetentionService>();
        return services;
    }

    private static bool TryBind(IConfiguration section, StorageOptions options)
    {
        try
        {
            section.Bind(options);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
