using System.Reflection;

namespace Chatbot.Grounding.Model;

/// <summary>Reads the models that ship inside an assembly (the grounding model, the extractive sentence ranker).</summary>
public static class EmbeddedResource
{
    /// <summary>The text of the resource <paramref name="name"/> embedded in <paramref name="assembly"/>.</summary>
    /// <exception cref="InvalidOperationException">The assembly has no such resource.</exception>
    public static string ReadText(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
