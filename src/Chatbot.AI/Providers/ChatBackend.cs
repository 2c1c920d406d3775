namespace Chatbot.AI.Providers;

/// <summary>
/// The backend chosen at start-up to write answers, for the log, <c>/healthz</c> and <c>Answer.Backend</c>.
/// </summary>
/// <param name="Name">"ollama:llama3.2", "openai:gpt-4o-mini" or "extractive".</param>
/// <param name="IsModel">True for a language model; false for the extractive responder.</param>
/// <param name="Reason">Why this backend was chosen, in one sentence.</param>
public sealed record ChatBackend(string Name, bool IsModel, string Reason)
{
    /// <summary>
    /// The name of the extractive backend, and the service key under which the host registers the extractive
    /// <c>IChatClient</c>: <c>services.AddKeyedSingleton&lt;IChatClient&gt;(ChatBackend.ExtractiveName, ...)</c>.
    /// </summary>
    public const string ExtractiveName = "extractive";

    /// <summary>The name an answer carries when it is a FAQ entry's curated answer, not written by any backend.</summary>
    public const string CuratedName = "curated";

    /// <summary>The provider behind the backend (never <see cref="LlmProvider.Auto"/>).</summary>
    public LlmProvider Provider { get; init; } = LlmProvider.Extractive;

    /// <summary>The model's endpoint; null for the extractive backend and for api.openai.com.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The model name; null for the extractive backend.</summary>
    public string? Model { get; init; }

    /// <summary>The extractive backend.</summary>
    public static ChatBackend Extractive(string reason) => new(ExtractiveName, IsModel: false, reason);

    /// <summary>An Ollama model.</summary>
    public static ChatBackend Ollama(Uri endpoint, string model, string reason) =>
        new($"ollama:{model}", IsModel: true, reason) { Provider = LlmProvider.Ollama, Endpoint = endpoint, Model = model };

    /// <summary>An OpenAI or OpenAI-compatible model.</summary>
    public static ChatBackend OpenAI(Uri? endpoint, string model, string reason) =>
        new($"openai:{model}", IsModel: true, reason) { Provider = LlmProvider.OpenAI, Endpoint = endpoint, Model = model };
}
