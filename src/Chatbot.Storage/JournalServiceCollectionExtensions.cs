using Chatbot.Conversation.Journal;
using Chatbot.Storage.Hosting;
using Chatbot.Storage.Journal;
using Chatbot.Storage.Redaction;
using Chatbot.Storage.Retention;
using Chatbot.Storage.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
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

        // The database, its settings (validated on start, naming a bad one) and its migrations at start: the same
        // registrations AddChatbotStorage makes, so the journal also works in a host that keeps state elsewhere.
        services.AddChatbotDatabase(configuration);
        services.AddHostedService<DatabaseMigrationService>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PersonalDataRedactor(sp.GetRequiredService<IOptions<StorageOptions>>().Value.RedactPersonalData));
        services.TryAddSingleton<ActivityRedactor>();
        services.TryAddSingleton<IConversationJournal, DatabaseConversationJournal>();
        services.TryAddSingleton<DatabaseTranscriptStore>();
        // Read without throwing: a value of the wrong kind is reported by the start-up validation, naming it.
        var settings = new StorageOptions();
        if (!StorageServiceCollectionExtensions.TryBind(configuration.GetSection(StorageOptions.SectionName), settings, out _) || settings.Transcripts)
        {
            services.TryAddSingleton<ITranscriptStore>(sp => sp.GetRequiredService<DatabaseTranscriptStore>());
        }

        services.AddHostedService<RetentionService>();
        return services;
    }
}
