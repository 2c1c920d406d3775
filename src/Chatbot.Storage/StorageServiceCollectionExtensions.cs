using Chatbot.Storage.Duplicates;
using Chatbot.Storage.Hosting;
using Chatbot.Storage.State;
using Chatbot.Storage.Turns;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage;

/// <summary>Registers the bot's database, its state storage and turn serialization.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>Storage</c> settings (validated on start: a bad provider or a PostgreSQL provider without a
    /// connection string stops start-up naming the setting) and the <see cref="ChatbotDatabase"/>. Enough for a
    /// command that works on the database; the web host adds <see cref="AddChatbotStorage"/>.
    /// </summary>
    public static IServiceCollection AddChatbotDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // AddChatbotStorage and AddConversationJournal both need the database: bind the section once.
        if (services.Any(d => d.ServiceType == typeof(ChatbotDatabase)))
        {
            return services;
        }

        var section = configuration.GetSection(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>()
            .Configure(options => Bind(section, options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton<ChatbotDatabase>();
        return services;
    }

    /// <summary>
    /// Adds the database, Bot Framework state on it (<see cref="IStorage"/>: <see cref="MemoryStorage"/> for the
    /// <c>Memory</c> provider, <see cref="DatabaseStorage"/> otherwise), the lock that serializes a conversation's
    /// turns (across instances on PostgreSQL), the migrations applied when the app starts, and the adapter middleware
    /// that answers a redelivered activity once (<see cref="DuplicateActivityMiddleware"/>).
    /// </summary>
    public static IServiceCollection AddChatbotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChatbotDatabase(configuration);
        services.TryAddSingleton<IStorage>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Memory
            ? new MemoryStorage()
            : ActivatorUtilities.CreateInstance<DatabaseStorage>(sp));
        services.TryAddSingleton<IConversationLock>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Provider == StorageProvider.Postgres
                ? new PostgresConversationLock(options.ConnectionString!, sp.GetRequiredService<ILogger<PostgresConversationLock>>())
                : new InProcessConversationLock();
        });
        services.AddHostedService<DatabaseMigrationService>();

        // The Bot Framework adapter runs it first: a channel's redelivery of an activity is answered once.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMiddleware, DuplicateActivityMiddleware>());
        return services;
    }

    /// <summary>
    /// Wraps the registered <see cref="IBot"/> in a <see cref="SerializedTurnBot"/>, so the turns of one conversation
    /// run one at a time whichever adapter delivers them. Call it after the bot is registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="IBot"/> is registered yet.</exception>
    public static IServiceCollection SerializeConversationTurns(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var bot = services.LastOrDefault(d => d.ServiceType == typeof(IBot))
            ?? throw new InvalidOperationException("Register the bot (AddConversation) before SerializeConversationTurns.");
        services.Remove(bot);
        services.Add(new ServiceDescriptor(typeof(IBot), sp => new SerializedTurnBot(
            Create(sp, bot),
            sp.GetRequiredService<IConversationLock>(),
            [sp.GetRequiredService<ConversationState>(), sp.GetRequiredService<UserState>()],
            sp.GetRequiredService<ILogger<SerializedTurnBot>>()), bot.Lifetime));
        return services;

        static IBot Create(IServiceProvider services, ServiceDescriptor descriptor) => (IBot)(
            descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
    }

    /// <summary>Binds the section, turning a value that does not convert (an unknown provider) into a validation failure that names it.</summary>
    private static void Bind(IConfigurationSection section, StorageOptions options)
    {
        if (!TryBind(section, options, out var ex))
        {
            List<string> failures = [ex.Message];
            if (ex.Message.Contains("Storage:Provider", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"Storage:Provider must be one of {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
            }

            throw new OptionsValidationException(Options.DefaultName, typeof(StorageOptions), failures);
        }
    }

    /// <summary>Binds the section; false, with the binder's error, when a value does not convert.</summary>
    internal static bool TryBind(IConfiguration section, StorageOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out InvalidOperationException? error)
    {
        try
        {
            section.Bind(options);
            error = null;
            return true;
        }
        catch (InvalidOperationException ex)
        {
            error = ex;
            return false;
        }
    }
}
