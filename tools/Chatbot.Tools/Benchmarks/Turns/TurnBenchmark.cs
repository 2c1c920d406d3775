using System.Diagnostics;
using System.Net;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Embeddings;
using Chatbot.Knowledge.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// Measures whole bot turns over HTTP, one scenario after another in this process, each on its own
/// Kestrel host on 127.0.0.1: two floors (an echo bot, and an echo bot that embeds the message
/// once), the real app with the extractive backend, and the real app on a fake Ollama model whose
/// speed is known, so that what the app adds around a model can be told from the model's own time.
/// </summary>
/// <remarks>
/// A no-op baseline runs first: the same load against an endpoint that answers at once. Its CPU per
/// turn (the load driver and a bare HTTP round trip, since both ends share the process) is taken off
/// every scenario's. Each host is started before, and stopped after, its scenario; neither is timed.
/// </remarks>
public sealed class TurnBenchmark
{
    private static readonly byte[] s_noopReply = """{"activities":[{"type":"message","text":"ok"}]}"""u8.ToArray();

    private readonly TurnBenchmarkOptions _options;
    private readonly AppUnderTest? _app;
    private readonly IProgress<string>? _progress;

    /// <param name="options">Scenarios, connections and durations.</param>
    /// <param name="app">The real app, for the app and fake-llm scenarios.</param>
    /// <param name="progress">Receives a line as each step starts (on stderr, in the CLI).</param>
    public TurnBenchmark(TurnBenchmarkOptions options, AppUnderTest? app = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (app is null && options.Scenarios.Any(s => s is TurnScenario.App or TurnScenario.FakeLlm))
        {
            throw new ArgumentException("The app and fake-llm scenarios need the app under test.", nameof(app));
        }

        _options = options;
        _app = app;
        _progress = progress;
    }

    /// <summary>The name a scenario has in the report.</summary>
    public static string NameOf(TurnScenario scenario) => scenario switch
    {
        TurnScenario.Echo => "echo",
        TurnScenario.Embed => "embed",
        TurnScenario.App => "app",
        TurnScenario.FakeLlm => "fake-llm",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };

    /// <summary>Runs the baseline and every scenario; each stops by itself after its warm-up and duration.</summary>
    public async Task<TurnBenchmarkReport> RunAsync(CancellationToken cancellationToken = default)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = _options.Connections,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        using var http = new HttpClient(handler) { Timeout = _options.TurnTimeout };
        var driver = new LoadDriver(http, _options.Connections, TurnQuestions.All, _options.MemorySampleInterval);

        Report($"noop baseline: {_options.EffectiveBaselineDuration.TotalSeconds:0.#} s");
        var baseline = await DriveAsync(driver, "noop", BuildNoopHost(), _options.EffectiveBaselineDuration, cancellationToken);

        var results = new List<ScenarioResult>();
        string? indexPath = null;
        FakeModelUsage? fakeModel = null;
        foreach (var scenario in _options.Scenarios.Distinct().Order())
        {
            var name = NameOf(scenario);
            LoadResult load;
            switch (scenario)
            {
                case TurnScenario.Echo:
                    Report($"{name}: starting");
                    load = await DriveAsync(driver, name, EchoBotHost.Build(embeddings: null), _options.Duration, cancellationToken);
                    break;
                case TurnScenario.Embed:
                    Report($"{name}: loading MiniLM");
                    using (var embeddings = new MiniLmEmbeddingGenerator())
                    {
                        load = await DriveAsync(driver, name, EchoBotHost.Build(embeddings), _options.Duration, cancellationToken);
                    }

                    break;
                case TurnScenario.App:
                    (load, indexPath) = await DriveAppAsync(driver, name,
                    [
                        new("Llm:Provider", "Extractive"),
                        // The rotation repeats a few questions: cached embeddings would hide the one embedding a turn costs.
                        new("Knowledge:EmbeddingCacheSize", "0"),
                    ], cancellationToken);
                    break;
                case TurnScenario.FakeLlm:
                    await using (var model = await FakeOllamaModel.StartAsync(cancellationToken: cancellationToken))
                    {
                        (load, indexPath) = await DriveAppAsync(driver, name,
                        [
                            new("Llm:Provider", "Ollama"),
                            new("Llm:Ollama:Endpoint", model.BaseAddress.AbsoluteUri),
                            new("Llm:Ollama:Model", "llama3.2"),
                            // Every conversation asks the same few questions: a cache would answer them without the model.
                            new("Llm:EnableCache", "false"),
                            new("Knowledge:EmbeddingCacheSize", "0"),
                        ], cancellationToken);
                        fakeModel = new FakeModelUsage(model.FirstTokenDelay, model.TokenDelay, model.TokenCount, model.ChatRequests, load.TurnsSent);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown scenario {scenario}.");
            }

            results.Add(new ScenarioResult(name, load, baseline.CpuMillisecondsPerTurn));
        }

        return new TurnBenchmarkReport
        {
            Scenarios = results,
            Baseline = baseline,
            Connections = _options.Connections,
            Duration = _options.Duration,
            Warmup = _options.Warmup,
            IndexPath = indexPath,
            FakeModel = fakeModel,
        };
    }

    /// <summary>
    /// The real app, composed as the executable composes it, anonymous, on loopback, with its configured
    /// knowledge index (<c>Knowledge:IndexPath</c>, by default data/index under the working directory) made
    /// current before the load starts.
    /// </summary>
    private async Task<(LoadResult Load, string IndexPath)> DriveAppAsync(
        LoadDriver driver, string name, KeyValuePair<string, string?>[] settings, CancellationToken cancellationToken)
    {
        var builder = LoopbackHost.CreateBuilder(
        [
            // The load driver is one client whose conversations each send as fast as they are answered: the
            // rate limits (which answer 429 by design) would measure themselves, not the turn.
            new("Protection:MessagesPerSecondPerConversation", "0"),
            new("Protection:RequestsPerMinutePerClient", "0"),
            new("MicrosoftAppId", ""),
            new("MicrosoftAppPassword", ""),
            new("MicrosoftAppType", "MultiTenant"),
            new("MicrosoftAppTenantId", ""),
            .. settings,
        ]);
        _app!.AddServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        _app.Configure(app);

        Report($"{name}: starting the app and bringing its knowledge index up to date");
        var started = Stopwatch.GetTimestamp();
        var address = await StartOrStopAsync(app, cancellationToken);
        string indexPath;
        try
        {
            // Start-up builds a missing index but refreshes an existing one in the background; ingestions
            // are serialized, so this returns once that refresh and a check of our own are done.
            await app.Services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
            indexPath = Path.GetFullPath(app.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.IndexPath);
            Report($"{name}: ready in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (index {indexPath})");
        }
        catch
        {
            await LoopbackHost.StopAsync(app);
            throw;
        }

        return (await DriveStartedAsync(driver, name, app, address, _options.Duration, cancellationToken), indexPath);
    }

    private async Task<LoadResult> DriveAsync(LoadDriver driver, string name, WebApplication app, TimeSpan duration, CancellationToken cancellationToken)
    {
        var address = await StartOrStopAsync(app, cancellationToken);
        return await DriveStartedAsync(driver, name, app, address, duration, cancellationToken);
    }

    private async Task<LoadResult> DriveStartedAsync(LoadDriver driver, string name, WebApplication app, Uri address, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            Report($"{name}: warming up {_options.Warmup.TotalSeconds:0.#} s, then measuring {duration.TotalSeconds:0.#} s with {_options.Connections} conversations");
            var load = await driver.RunAsync(address, name, _options.Warmup, duration, cancellationToken);
            Report($"{name}: warm-up took {load.WarmupTime.TotalSeconds:0.0} s; {load.TurnsPerSecond:0.0} turns/s, p50 {load.Latencies.P50:0.0} ms, {load.Errors} errors");
            return load;
        }
        finally
        {
            await LoopbackHost.StopAsync(app);
        }
    }

    private static async Task<Uri> StartOrStopAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            return await LoopbackHost.StartAsync(app, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>An endpoint that reads the activity and answers with a fixed reply: HTTP and the load driver, no bot.</summary>
    private static WebApplication BuildNoopHost()
    {
        var app = LoopbackHost.CreateBuilder().Build();
        app.MapPost("/api/messages", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(s_noopReply, context.RequestAborted);
        });
        return app;
    }

    private void Report(string line) => _progress?.Report(line);
}
