namespace Chatbot.AI;

/// <summary>The Ollama server and model (<c>Llm:Ollama</c>).</summary>
public sealed class LlmOllamaOptions
{
    /// <summary>The server's root URI.</summary>
    public string Endpoint { get; set; } = "http://localhost:11434";

    /// <summary>The model name; without a tag it means <c>:latest</c>.</summary>
    public string Model { get; set; } = "llama3.2";
}
