using Chatbot.AI.Pipeline;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chatbot.Hosting;

/// <summary>Exports the bot's traces and metrics over OTLP when an endpoint is configured.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard variable that names the OTLP collector; without it nothing is collected or exported.</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// When <see cref="EndpointSetting"/> is set: spans and metrics of the turn, its analysis, retrieval and grounding
    /// check (<see cref="ChatbotTelemetry"/>), of model calls and embeddings (Microsoft.Extensions.AI), of ASP.NET Core
    /// and of outgoing HTTP, exported by OTLP. The standard <c>OTEL_*</c> variables (service name, headers, protocol) apply.
    /// </summary>
    public static IServiceCollection AddChatbotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
        {
            // No listener at all: the sources' StartActivity returns null and instruments record nothing.
            return services;
        }

        string[] sources = [ChatbotTelemetry.Name, ChatPipelineFactory.TelemetrySourceName, KnowledgeServiceCollectionExtensions.EmbeddingTelemetrySource];
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName: "genai-guide"))
            .WithTracing(tracing => tracing.AddSource(sources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(sources).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
