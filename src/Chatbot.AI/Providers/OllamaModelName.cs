namespace Chatbot.AI.Providers;

/// <summary>Ollama model names: a name without a tag means <c>:latest</c>, so "llama3.2" is "llama3.2:latest".</summary>
internal static class OllamaModelName
{
    public static bool Matches(string configured, string listed) =>
        string.Equals(Normalize(configured), Normalize(listed), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string name)
    {
        name = name.Trim();
        var lastSlash = name.LastIndexOf('/');
        var tagSeparator = name.IndexOf(':', lastSlash + 1);
        return tagSeparator < 0 ? name + ":latest" : name;
    }
}
