using Chatbot.AI.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.AI.Tests;

/// <summary>
/// A service provider set up the way the host sets it up (<c>AddChatPipeline</c> over configuration), with fake
/// logging and millisecond-scale timeouts unless a test overrides them.
/// </summary>
public sealed class ChatPipelineTestHost : IAsyncDisposable
{
    private ChatPipelineTestHost(ServiceProvider services)
    {
        Services = services;
    }

    public ServiceProvider Services { get; }

    public IChatClient ChatClient => Services.GetRequiredService<IChatClient>();

    public ChatBackendSelector Selector => Services.GetRequiredService<ChatBackendSelector>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>Settings fast enough for tests; <paramref name="settings"/> override them (keys under <c>Llm:</c>).</summary>
    public static ChatPipelineTestHost Create(
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? configureServices = null,
        LogLevel minimumLogLevel = LogLevel.Debug)
    {
        var values = new Dictionary<string, string?>
        {
            ["Llm:FirstTokenTimeoutSeconds"] = "3",
            ["Llm:TotalTimeoutSeconds"] = "10",
            ["Llm:MaxRetries"] = "2",
            ["Llm:RetryBaseDelayMilliseconds"] = "1",
            ["Llm:BreakAfterFailures"] = "50",
            ["Llm:ProbeTimeoutSeconds"] = "2",
        };
        foreach (var (key, value) in settings)
        {
            values["Llm:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(minimumLogLevel).AddFakeLogging());
        services.AddChatPipeline(configuration);
        configureServices?.Invoke(services);
        return new ChatPipelineTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    public static ChatPipelineTestHost ForOllama(Uri endpoint, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Provider"] = "Ollama",
            ["Ollama:Endpoint"] = endpoint.ToString(),
        };
        return Create(values, configureServices);
    }

    public static ChatPipelineTestHost ForOpenAI(Uri endpoint, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Provider"] = "OpenAI",
            ["OpenAI:Endpoint"] = endpoint.ToString(),
            ["OpenAI:Model"] = "gpt-4o-mini",
            ["OpenAI:ApiKey"] = "sk-test-DO-NOT-LOG",
        };
        return Create(values, configureServices);
    }

    /// <summary>An address nothing listens on: a port that was free a moment ago.</summary>
    public static Uri ClosedEndpoint()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
