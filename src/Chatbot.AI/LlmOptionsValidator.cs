using Microsoft.Extensions.Options;

namespace Chatbot.AI;

/// <summary>The rules of <see cref="LlmOptions"/> that span settings or nested sections.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"Llm:Provider must be one of {string.Join(", ", Enum.GetNames<LlmProvider>())}.");
        }

        if (options.Provider is LlmProvider.Auto or LlmProvider.Ollama)
        {
            CheckEndpoint("Llm:Ollama:Endpoint", options.Ollama.Endpoint, required: true, failures);
            if (string.IsNullOrWhiteSpace(options.Ollama.Model))
            {
                failures.Add($"Llm:Ollama:Model is required when Llm:Provider is {options.Provider}.");
            }
        }

        if (options.Provider == LlmProvider.OpenAI)
        {
            if (string.IsNullOrWhiteSpace(options.OpenAI.Model))
            {
                failures.Add("Llm:OpenAI:Model is required when Llm:Provider is OpenAI.");
            }

            CheckEndpoint("Llm:OpenAI:Endpoint", options.OpenAI.Endpoint, required: false, failures);
            if (string.IsNullOrWhiteSpace(options.OpenAI.Endpoint) && string.IsNullOrWhiteSpace(options.OpenAI.ApiKey))
            {
                failures.Add("Llm:OpenAI:ApiKey is required when Llm:OpenAI:Endpoint is not set (api.openai.com needs a key).");
            }
        }

        if (options.TotalTimeoutSeconds < options.FirstTokenTimeoutSeconds)
        {
            failures.Add($"Llm:TotalTimeoutSeconds ({options.TotalTimeoutSeconds}) must not be less than Llm:FirstTokenTimeoutSeconds ({options.FirstTokenTimeoutSeconds}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckEndpoint(string setting, string? value, bool required, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{setting} is required.");
            }

            return;
        }

        if (!TryParseEndpoint(value, out _))
        {
            failures.Add($"{setting} must be an absolute http or https URI, e.g. http://localhost:11434 (got '{value}').");
        }
    }

    internal static bool TryParseEndpoint(string? value, out Uri uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
