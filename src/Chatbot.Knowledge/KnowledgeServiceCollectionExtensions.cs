using Chatbot.Knowledge.Embeddings;
using Chatbot.Knowledge.Hosting;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Knowledge;

/// <summary>Registers the knowledge engine.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>The OpenTelemetry source of the embedding pipeline's spans and metrics.</summary>
    public const string EmbeddingTelemetrySource = "Chatbot.Embeddings";

    /// <summary>
    /// Adds <see cref="KnowledgeOptions"/> (section <c>Knowledge</c>, validated on start), the MiniLM
    /// embedding generator and, unless one is registered already, the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// pipeline in front of it (logging, OpenTelemetry, a bounded cache of <see cref="KnowledgeOptions.EmbeddingCacheSize"/> texts), <see cref="KnowledgeIndex"/>, <see cref="HybridRetriever"/>,
    /// <see cref="KnowledgeIngestor"/> and the hosted service that builds the index at startup when it is missing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration (the root; the <c>Knowledge</c> section is read from it).</param>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<KnowledgeOptions>()
            .Bind(configuration.GetSection(KnowledgeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<MiniLmEmbeddingGenerator>();
        services.TryAddSingleton(sp => new EmbeddingGeneratorBuilder<string, Embedding<float>>(sp.GetRequiredService<MiniLmEmbeddingGenerator>())
            .UseLogging()
            .UseOpenTelemetry(sourceName: EmbeddingTelemetrySource)
            .UseBoundedCache(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.EmbeddingCacheSize)
            .Build(sp));

        services.TryAddSingleton(sp => new KnowledgeIndex(
            sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.IndexPath,
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetService<ILogger<KnowledgeIndex>>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return new HybridRetriever(
                sp.GetRequiredService<KnowledgeIndex>(),
                options.TopK,
                options.CandidateCount,
                options.MaxPassagesPerDocument,
                sp.GetService<ILogger<HybridRetriever>>(),
                options.SearchCollection);
        });
        services.TryAddSingleton(sp => new KnowledgeIngestor(
            sp.GetRequiredService<KnowledgeIndex>(),
            sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value,
            sp.GetService<ILogger<KnowledgeIngestor>>()));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KnowledgeIndexStartupService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KnowledgeIndexReloadService>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
