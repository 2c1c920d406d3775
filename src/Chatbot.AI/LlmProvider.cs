namespace Chatbot.AI;

/// <summary>Which backend writes the answers (<c>Llm:Provider</c>).</summary>
public enum LlmProvider
{
    /// <summary>Ollama when it answers at start-up and has the configured model; the extractive responder otherwise.</summary>
    Auto,

    /// <summary>Ollama, even when the start-up probe fails (failed calls then fall back per answer).</summary>
    Ollama,

    /// <summary>OpenAI or an OpenAI-compatible endpoint (Azure OpenAI v1, vLLM, LM Studio).</summary>
    OpenAI,

    /// <summary>No model: answers are extracted from the sources.</summary>
    Extractive,
}
