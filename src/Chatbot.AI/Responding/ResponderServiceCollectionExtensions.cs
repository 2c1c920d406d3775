using Chatbot.AI.Extractive;
using Chatbot.AI.Grounding;
using Chatbot.AI.Providers;
using Chatbot.AI.Understanding;
using Chatbot.Grounding;
using Chatbot.Grounding.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Responding;

/// <summary>Registers the responder, the extractive backend and the grounding check.</summary>
public static class ResponderServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="Responder"/>, the <see cref="GroundingChecker"/> with its shipped model, the model's second opinion
    /// on its unsure sentences (<see cref="ModelGroundingJudge"/>, section <c>Grounding:Judge</c>, off by default), and the
    /// extractive <see cref="IChatClient"/> under the key <see cref="ChatBackend.ExtractiveName"/>.
    /// Also the <see cref="MessageAnalyzer"/> that understands a message once per turn; it needs an
    /// <see cref="IMessageParser"/>, which the conversation layer registers (AddIntentRecognition).
    /// Needs the knowledge engine (AddKnowledge) and the chat pipeline (AddChatPipeline).
    /// </summary>
    public static IServiceCollection AddResponder(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => GroundingModel.LoadDefault());
        services.TryAddSingleton(sp => new GroundingChecker(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<GroundingModel>()));
        services.TryAddSingleton(_ => SentenceRanker.LoadDefault());
        services.TryAddSingleton(_ => AnswerabilityModel.LoadDefault());
        services.TryAddSingleton<ExtractiveComposer>();
        services.TryAddKeyedSingleton<IChatClient>(ChatBackend.ExtractiveName, (sp, _) => new ExtractiveChatClient(sp.GetRequiredService<ExtractiveComposer>()));
        services.TryAddSingleton<MessageAnalyzer>();
        services.AddOptions<CuratedOptions>().BindConfiguration(CuratedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GroundingOptions>()
            .Configure<IConfiguration>((options, configuration) => BindGrounding(configuration.GetSection(GroundingOptions.SectionName), options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GroundingOptions>, GroundingOptionsValidator>());
        services.TryAddSingleton(_ => CuratedMatchModel.LoadDefault());
        services.TryAddSingleton(sp => new CuratedMatcher(sp.GetRequiredService<CuratedMatchModel>(), sp.GetRequiredService<IOptions<CuratedOptions>>().Value));
        services.AddOptions<GroundingJudgeOptions>().BindConfiguration(GroundingJudgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ModelGroundingJudge>();
        services.TryAddSingleton<Responder>();
        return services;
    }

    /// <summary>
    /// Binds <c>Grounding</c>; a value that does not convert ("Grounding:Policy": "Fix") becomes a validation failure that
    /// names the setting and its allowed values, so the host exits with code 2 rather than a stack trace.
    /// </summary>
    private static void BindGrounding(IConfigurationSection section, GroundingOptions options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(
                Options.DefaultName,
                typeof(GroundingOptions),
                [ex.Message, $"Grounding:Policy must be one of {string.Join(", ", Enum.GetNames<GroundingPolicy>())}; Grounding:MinimumKeptShare a number from 0 to 1."]);
        }
    }
}
