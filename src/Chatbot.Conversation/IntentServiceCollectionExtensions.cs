using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Understanding;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation;

/// <summary>Registers intent recognition.</summary>
public static class IntentServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IntentOptions"/> (section <c>Intents</c>), the <see cref="MessageAnalyzer"/> with the conversation's
    /// text rules (<see cref="ConversationMessageParser"/>) and the local <see cref="IntentRecognizer"/>; needs an
    /// embedding generator. When the knowledge engine is registered too, the recognizer weighs how closely the indexed
    /// passages (a pilot's own documents included) match each message.
    /// </summary>
    public static IServiceCollection AddIntentRecognition(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntentOptions>()
            .Bind(configuration.GetSection(IntentOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IMessageParser>(_ => ConversationMessageParser.ForIntentExamples());
        services.TryAddSingleton<MessageAnalyzer>();
        services.TryAddSingleton(sp => new IntentRecognizer(
            sp.GetRequiredService<IOptions<IntentOptions>>(),
            sp.GetService<HybridRetriever>(),
            logger: sp.GetService<ILogger<IntentRecognizer>>()));
        services.TryAddSingleton<IIntentRecognizer>(sp => sp.GetRequiredService<IntentRecognizer>());
        return services;
    }
}
