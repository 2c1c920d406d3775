using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OllamaSharp;

namespace Chatbot.AI.Providers;

/// <summary>
/// Chooses the backend once, at start-up. For <see cref="LlmProvider.Auto"/> it probes Ollama
/// (<c>GET /api/tags</c> within <see cref="LlmOptions.ProbeTimeoutSeconds"/>) and takes it when it answers and has the
/// configured model; otherwise the extractive backend. Explicit providers are taken as configured.
/// </summary>
public sealed partial class ChatBackendSelector
{
    /// <summary>The named <see cref="HttpClient"/> used to talk to Ollama.</summary>
    public const string OllamaHttpClientName = "Chatbot.AI.Ollama";

    private readonly LlmOptions _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILogger _logger;
    private readonly Lazy<Task<ChatBackend>> _selection;

    public ChatBackendSelector(IOptions<LlmOptions> options, IHttpClientFactory httpClientFactory, ILogger<ChatBackendSelector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _httpClientFactory = httpClientFactory;
        _logger = logger;
        _selection = new Lazy<Task<ChatBackend>>(SelectOnceAsync);
    }

    /// <summary>The chosen backend, or null while the choice is still being made.</summary>
    public ChatBackend? Selected => _selection.IsValueCreated && _selection.Value.IsCompletedSuccessfully ? _selection.Value.Result : null;

    /// <summary>Chooses the backend on the first call and returns that choice to every call after it.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; the probe itself is bounded by its own timeout.</param>
    public Task<ChatBackend> SelectAsync(CancellationToken cancellationToken = default) =>
        _selection.Value.WaitAsync(cancellationToken);

    private async Task<ChatBackend> SelectOnceAsync()
    {
        var backend = _options.Provider switch
        {
            LlmProvider.Extractive => ChatBackend.Extractive("Llm:Provider is Extractive."),
            LlmProvider.OpenAI => ChatBackend.OpenAI(
                LlmOptionsValidator.TryParseEndpoint(_options.OpenAI.Endpoint, out var openAiEndpoint) ? openAiEndpoint : null,
                _options.OpenAI.Model!,
                "Llm:Provider is OpenAI."),
            LlmProvider.Ollama => await SelectConfiguredOllamaAsync(),
            _ => await SelectAutomaticallyAsync(),
        };
        Log.BackendSelected(_logger, backend.Name, backend.Reason);
        return backend;
    }

    private async Task<ChatBackend> SelectAutomaticallyAsync()
    {
        var endpoint = OllamaEndpoint();
        var model = _options.Ollama.Model;
        var probe = await ProbeOllamaAsync(endpoint);
        if (probe.Models is null)
        {
            return ChatBackend.Extractive($"Ollama at {endpoint} did not answer ({probe.Problem}).");
        }

        var listed = probe.Models.FirstOrDefault(name => OllamaModelName.Matches(model, name));
        if (listed is null)
        {
            var available = probe.Models.Count == 0 ? "none" : string.Join(", ", probe.Models);
            return ChatBackend.Extractive($"Ollama at {endpoint} does not have model '{model}' (it has: {available}); run 'ollama pull {model}'.");
        }

        return ChatBackend.Ollama(endpoint, model, $"Ollama at {endpoint} answered and has {listed}.");
    }

    private async Task<ChatBackend> SelectConfiguredOllamaAsync()
    {
        var endpoint = OllamaEndpoint();
        var model = _options.Ollama.Model;
        var probe = await ProbeOllamaAsync(endpoint);
        var hasModel = probe.Models?.Any(name => OllamaModelName.Matches(model, name)) == true;
        var finding = probe.Models is null ? $"but it did not answer the probe ({probe.Problem})"
            : hasModel ? "and it has the model"
            : $"but it does not list model '{model}'";
        if (!hasModel)
        {
            Log.ConfiguredOllamaNotReady(_logger, endpoint, model, finding);
        }

        return ChatBackend.Ollama(endpoint, model, $"Llm:Provider is Ollama, {finding}.");
    }

    private async Task<(IReadOnlyList<string>? Models, string? Problem)> ProbeOllamaAsync(Uri endpoint)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.ProbeTimeoutSeconds));
        try
        {
            var http = _httpClientFactory.CreateClient(OllamaHttpClientName);
            http.BaseAddress = endpoint;
            using var ollama = new OllamaApiClient(http, _options.Ollama.Model);
            var models = await ollama.ListLocalModelsAsync(timeout.Token);
            return ([.. models.Select(m => m.Name)], null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.ProbeTimeoutSeconds:0.###} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            Log.ProbeFailed(_logger, endpoint, ex);
            return (null, ex is HttpRequestException { StatusCode: { } status } ? $"HTTP {(int)status}" : ex.Message);
        }
    }

    private Uri OllamaEndpoint() => new(_options.Ollama.Endpoint, UriKind.Absolute);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Chat backend: {Backend}. {Reason}")]
        public static partial void BackendSelected(ILogger logger, string backend, string reason);

        [LoggerMessage(2, LogLevel.Debug, "Probe of Ollama at {Endpoint} failed.")]
        public static partial void ProbeFailed(ILogger logger, Uri endpoint, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Llm:Provider is Ollama at {Endpoint} with model {Model}, {Finding}; answers fall back to the extractive responder while it fails.")]
        public static partial void ConfiguredOllamaNotReady(ILogger logger, Uri endpoint, string model, string finding);
    }
}
