namespace Chatbot.AI;

/// <summary>An OpenAI or OpenAI-compatible endpoint (<c>Llm:OpenAI</c>).</summary>
public sealed class LlmOpenAIOptions
{
    /// <summary>The API base, e.g. <c>http://localhost:1234/v1</c> or <c>https://NAME.openai.azure.com/openai/v1/</c>; empty for api.openai.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model (or Azure deployment) name; required when the provider is OpenAI.</summary>
    public string? Model { get; set; }

    /// <summary>The API key. Never logged; may be empty for local servers that need none.</summary>
    public string? ApiKey { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"OpenAI {{ Endpoint = {Endpoint}, Model = {Model}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")} }}";
}
