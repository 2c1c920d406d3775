using YamlDotNet.RepresentationModel;

namespace Chatbot.Tests.Deploy;

/// <summary>Reading YAML documents (compose, Kubernetes) by path, failing with the path when something is missing.</summary>
internal static class Yaml
{
    /// <summary>Every document in a file (Kubernetes files may hold several, separated by <c>---</c>).</summary>
    public static IReadOnlyList<YamlMappingNode> LoadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    /// <summary>The node under a key, or null.</summary>
    public static YamlNode? Get(this YamlNode node, string key)
        => node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>The node at a dotted path of keys; fails naming the path when it is missing.</summary>
    public static YamlNode At(this YamlNode node, string path)
    {
        var current = node;
        foreach (var key in path.Split('.'))
        {
            current = current.Get(key) ?? throw new KeyNotFoundException($"'{path}' is missing (at '{key}')");
        }

        return current;
    }

    /// <summary>A scalar's text, or null for a missing node.</summary>
    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>The items of a sequence (none for a missing node).</summary>
    public static IReadOnlyList<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    /// <summary>A mapping's keys and scalar values (none for a missing node).</summary>
    public static IReadOnlyDictionary<string, string?> Pairs(this YamlNode? node)
        => node is YamlMappingNode map
            ? map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (kv.Value as YamlScalarNode)?.Value, StringComparer.Ordinal)
            : new Dictionary<string, string?>();
}
