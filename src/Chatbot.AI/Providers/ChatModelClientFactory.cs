using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;

namespace Chatbot.AI.Providers;

/// <summary>
/// Creates the provider's own <see cref="IChatClient"/> for a model backend: OllamaSharp's <see cref="OllamaApiClient"/>
/// or the OpenAI client through Microsoft.Extensions.AI.OpenAI. Their built-in retries are off and their HTTP timeouts
/// are left to <see cref="Pipeline.ResilientChatClient"/>, so there is one policy, in one place.
/// </summary>
internal sealed class ChatModelClientFactory(IOptions<LlmOptions> options, IHttpClientFactory httpClientFactory)
{
    /// <summary>The named <see cref="HttpClient"/> used to talk to OpenAI-compatible endpoints.</summary>
    public const string OpenAIHttpClientName = "Chatbot.AI.OpenAI";

    // OpenAI's client requires a credential even for local servers that ignore it.
    private const string NoApiKey = "no-key";

    public IChatClient Create(ChatBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return backend.Provider switch
        {
            LlmProvider.Ollama => CreateOllama(backend),
            LlmProvider.OpenAI => CreateOpenAI(backend),
            _ => throw new ArgumentException($"Backend '{backend.Name}' is not a model backend.", nameof(backend)),
        };
    }

    private OllamaApiClient CreateOllama(ChatBackend backend)
    {
        var http = httpClientFactory.CreateClient(ChatBackendSelector.OllamaHttpClientName);
        http.BaseAddress = backend.Endpoint ?? throw new ArgumentException("An Ollama backend needs an endpoint.", nameof(backend));
        return new OllamaApiClient(http, backend.Model!);
    }

    private IChatClient CreateOpenAI(ChatBackend backend)
    {
        var apiKey = options.Value.OpenAI.ApiKey;
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(OpenAIHttpClientName)),
        };
        if (backend.Endpoint is not null)
        {
            clientOptions.Endpoint = backend.Endpoint;
        }

        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(apiKey) ? NoApiKey : apiKey);
        return new OpenAIClient(credential, clientOptions).GetChatClient(backend.Model).AsIChatClient();
    }
}
