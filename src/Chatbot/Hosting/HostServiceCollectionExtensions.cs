using Chatbot.Admin;
using Chatbot.Configuration;
using Chatbot.AI;
using Chatbot.AI.Responding;
using Chatbot.Conversation;
using Chatbot.DirectLine;
using Chatbot.Knowledge;
using Chatbot.Protection;
using Chatbot.Storage;
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

        services.AddChatbotStorage(configuration);

        services.AddAnswering(configuration);
        services.AddConversation(configuration);
        services.AddConversationJournal(configuration);
        services.SerializeConversationTurns();
        services.AddDirectLine(configuration);
        services.AddAdmin(configuration);
        services.AddProtection(configuration);

        services.AddChatbotTelemetry(configuration);
        services.AddProblemDetails();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<BotAuthenticationHealthCheck>("authentication")
            .AddCheck<LlmBackendHealthCheck>("llm")
            .AddCheck<KnowledgeHealthCheck>("knowledge");
        return services;
    }

    /// <summary>
    /// Adds what answers questions, for the web host and the command line alike: the knowledge
    /// engine, the chat pipeline with its backend selection, and the responder.
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddKnowledge(configuration);
        services.PostConfigure<KnowledgeOptions>(ResolveBuiltInKnowledge);
        services.AddChatPipeline(configuration);
        services.AddResponder();
        services.AddIntentRecognition(configuration);
        return services;
    }

    /// <summary>
    /// The curated knowledge base ships next to the executable; a relative path that does not exist
    /// under the working directory is looked up there, so the bot finds it wherever it is started.
    /// </summary>
    private static void ResolveBuiltInKnowledge(KnowledgeOptions options)
    {
        if (!Path.IsPathRooted(options.BuiltInPath) && !Directory.Exists(Path.GetFullPath(options.BuiltInPath)))
        {
            options.BuiltInPath = Path.Combine(AppContext.BaseDirectory, options.BuiltInPath);
        }
    }
}
