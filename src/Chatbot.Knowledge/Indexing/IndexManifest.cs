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

    /// <summary>Indexed files by <see cref="ManifestKey"/>: collection, folder name and path inside the folder.</summary>
    public IReadOnlyDictionary<string, ManifestEntry> Files { get; init; } = new Dictionary<string, ManifestEntry>();

    internal static IndexManifest Read(string path)
    {
        IndexManifest manifest;
        using (var stream = File.OpenRead(path))
        {
            manifest = JsonSerializer.Deserialize<IndexManifest>(stream, _json)
                ?? throw new InvalidDataException($"{path} holds no manifest.");
        }

        return manifest.WithPortableKeys();
    }

    /// <summary>
    /// Manifests written before keys were portable name each file by its full path: rekey those entries as
    /// <see cref="ManifestKey"/> does, so an existing index does not read every file again. The rekeyed manifest is
    /// saved with the next update (under the update lock); until then each load rekeys it the same way.
    /// </summary>
    internal IndexManifest WithPortableKeys()
    {
        var old = Files.Where(file => file.Key == file.Value.Path).ToList();
        if (old.Count == 0)
        {
            return this;
        }

        var labels = ManifestKey.FolderLabels(old
            .Where(file => file.Value.Root is not null)
            .Select(file => (file.Value.Root!, file.Value.Collection)));
        var files = new SortedDictionary<string, ManifestEntry>(StringComparer.Ordinal);
        foreach (var (key, entry) in Files)
        {
            files[key == entry.Path ? ManifestKey.Migrate(entry, labels) : key] = entry;
        }

        return this with { Files = files };
    }

    internal void Write(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, _json);
    }
}
