using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// The list of indexed files (path → content hash) that makes ingestion incremental, plus what the
/// vectors were computed with. Saved as <c>manifest.json</c> next to the index.
/// </summary>
public sealed record IndexManifest
{
    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Incremented on every committed change; the Lucene commit and the vector file carry the same number.</summary>
    public long Generation { get; init; }

    /// <summary>The layout of the saved files (<see cref="KnowledgeIndex.Format"/>); 0 in manifests written before it was recorded.</summary>
    public int Format { get; init; }

    public string ModelId { get; init; } = string.Empty;

    public int Dimensions { get; init; }

    /// <summary><see cref="Chunking.ChunkingOptions.Fingerprint"/> of the chunker that produced the chunks.</summary>
    public string ChunkingFingerprint { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Indexed files by full path.</summary>
    public IReadOnlyDictionary<string, ManifestEntry> Files { get; init; } = new Dictionary<string, ManifestEntry>();

    internal static IndexManifest Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<IndexManifest>(stream, _json)
            ?? throw new InvalidDataException($"{path} holds no manifest.");
    }

    internal void Write(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, _json);
    }
}
