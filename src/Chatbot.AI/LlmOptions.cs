using System.ComponentModel.DataAnnotations;

namespace Chatbot.AI;

/// <summary>
/// Settings of the model backend and its pipeline (section <c>Llm</c>). Checked at start-up by data annotations
/// and <see cref="LlmOptionsValidator"/>; every message names the setting at fault.
/// </summary>
public sealed class LlmOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Llm";

    /// <summary>Which backend writes the answers. Default <see cref="LlmProvider.Auto"/>.</summary>
    public LlmProvider Provider { get; set; } = LlmProvider.Auto;

    /// <summary>The Ollama server and model (<c>Llm:Ollama</c>).</summary>
    public LlmOllamaOptions Ollama { get; set; } = new();

    /// <summary>The OpenAI-compatible endpoint and model (<c>Llm:OpenAI</c>).</summary>
    public LlmOpenAIOptions OpenAI { get; set; } = new();

    /// <summary>How long a streamed answer may take to show its first token.</summary>
    [Range(0.001, 600, ErrorMessage = "Llm:FirstTokenTimeoutSeconds must be between {1} and {2} seconds.")]
    public double FirstTokenTimeoutSeconds { get; set; } = 20;

    /// <summary>How long a stream may stay silent between two updates once text flows; when not set, <see cref="FirstTokenTimeoutSeconds"/>.</summary>
    [Range(0.001, 600, ErrorMessage = "Llm:StallTimeoutSeconds must be between {1} and {2} seconds.")]
    public double? StallTimeoutSeconds { get; set; }

    /// <summary>The most one answer may take, retries included.</summary>
    [Range(0.001, 3600, ErrorMessage = "Llm:TotalTimeoutSeconds must be between {1} and {2} seconds.")]
    public double TotalTimeoutSeconds { get; set; } = 90;

    /// <summary>Retries of a transient failure before any text was streamed.</summary>
    [Range(0, 10, ErrorMessage = "Llm:MaxRetries must be between {1} and {2}.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's backoff; each further retry doubles it.</summary>
    [Range(0, 60_000, ErrorMessage = "Llm:RetryBaseDelayMilliseconds must be between {1} and {2}.")]
    public int RetryBaseDelayMilliseconds { get; set; } = 250;

    /// <summary>Consecutive failed answers after which the circuit breaker opens.</summary>
    [Range(1, 100, ErrorMessage = "Llm:BreakAfterFailures must be between {1} and {2}.")]
    public int BreakAfterFailures { get; set; } = 3;

    /// <summary>How long an open circuit fails fast before one trial call.</summary>
    [Range(0.001, 3600, ErrorMessage = "Llm:BreakForSeconds must be between {1} and {2} seconds.")]
    public double BreakForSeconds { get; set; } = 60;

    /// <summary>How many tokens of earlier turns a prompt may carry.</summary>
    [Range(0, 100_000, ErrorMessage = "Llm:HistoryTokenBudget must be between {1} and {2} tokens.")]
    public int HistoryTokenBudget { get; set; } = 1500;

    /// <summary>Caches answers in the registered <c>IDistributedCache</c>, when there is one.</summary>
    public bool EnableCache { get; set; }

    /// <summary>How long the start-up probe of Ollama (<c>Provider=Auto</c>) may take.</summary>
    [Range(0.001, 60, ErrorMessage = "Llm:ProbeTimeoutSeconds must be between {1} and {2} seconds.")]
    public double ProbeTimeoutSeconds { get; set; } = 2;
}
