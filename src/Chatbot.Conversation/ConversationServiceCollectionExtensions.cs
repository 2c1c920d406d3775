using Chatbot.Conversation.Answering;
using Chatbot.Conversation.Bots;
using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Hosting;
using Chatbot.Conversation.Welcome;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatbot.Conversation;

/// <summary>Registers the bot, its adapter and its state.</summary>
public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the bot with Bot Framework authentication read from the root configuration keys
    /// (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppType</c>, <c>MicrosoftAppTenantId</c>):
    /// anonymous when <c>MicrosoftAppId</c> is empty, JWT validation when it is set.
    /// An <see cref="IStorage"/> must be registered for conversation and user state, and the responder
    /// and intent recognition (AddResponder, AddIntentRecognition) for the main dialog.
    /// </summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotOptions>()
            .Bind(configuration.GetSection(BotOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient();
        services.AddHttpClient(ConnectorRetryHandler.ClientName)
            .AddHttpMessageHandler(sp => new ConnectorRetryHandler(logger: sp.GetService<Microsoft.Extensions.Logging.ILogger<ConnectorRetryHandler>>()));
        services.TryAddSingleton<BotFrameworkAuthentication>(sp =>
            new ConfigurationBotFrameworkAuthentication(
                configuration,
                httpClientFactory: new ConnectorHttpClientFactory(sp.GetRequiredService<IHttpClientFactory>()),
                logger: sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ConfigurationBotFrameworkAuthentication>>()));

        services.TryAddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        services.TryAddSingleton(sp => new UserState(sp.GetRequiredService<IStorage>()));
        services.TryAddSingleton<ITurnFailureTracker, ConversationStateFailureTracker>();
        services.TryAddSingleton<TurnErrorHandler>();

        services.TryAddSingleton<AdapterWithErrorHandler>();
        services.TryAddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        services.TryAddSingleton<CloudAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());

        services.AddOptions<HandoffOptions>()
            .Bind(configuration.GetSection(HandoffOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<MessageFeedbackHandler>();
        services.TryAddSingleton<LevelDialog>();
        services.TryAddSingleton<FeedbackDialog>();
        services.TryAddSingleton<ResetDialog>();
        services.TryAddSingleton<AnswerStream>();
        services.TryAddSingleton<QuestionAnswerer>();
        services.TryAddSingleton<HandoffInitiator>();
        services.TryAddSingleton<BotIntroduction>();
        services.TryAddSingleton<MainDialog>();
        services.TryAddSingleton<IMessageHandler, DialogMessageHandler>();
        services.TryAddTransient<IBot, ExplainerBot>();
        return services;
    }
}
