using Chatbot.AI.Pipeline;
using Chatbot.AI.Prompting;
using Chatbot.AI.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chatbot.AI;

/// <summary>Registers the model backend, its pipeline and the prompt builder.</summary>
public static class ChatPipelineServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LlmOptions"/> (section <c>Llm</c>, validated on start), <see cref="ChatBackendSelector"/> (the
    /// choice is made while the host starts), <see cref="ChatPipelineFactory"/>, <see cref="PromptBuilder"/>, and the
    /// application's <see cref="IChatClient"/>: the model behind the pipeline, or the extractive client when no model
    /// was chosen. The host registers the extractive client itself, keyed <see cref="ChatBackend.ExtractiveName"/>;
    /// the responder also uses it as the fallback when a model call throws <see cref="ChatBackendException"/>.
    /// </summary>
    public static IServiceCollection AddChatPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<LlmOptions>()
            .Bind(configuration.GetSection(LlmOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());

        // ResilientChatClient owns every deadline, so the HttpClients wait as long as it lets them.
        services.AddHttpClient(ChatBackendSelector.OllamaHttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient(ChatModelClientFactory.OpenAIHttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChatBackendSelector>();
        services.TryAddSingleton<ChatModelClientFactory>();
        services.TryAddSingleton<ChatPipelineFactory>();
        services.TryAddSingleton<IChatClient, SelectedBackendChatClient>();
        services.TryAddSingleton(sp => new PromptBuilder(sp.GetRequiredService<IOptions<LlmOptions>>().Value.HistoryTokenBudget));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChatBackendStartup>());
        return services;
    }
}
