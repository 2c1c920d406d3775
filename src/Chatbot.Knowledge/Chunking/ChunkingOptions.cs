using System.ComponentModel.DataAnnotations;

namespace Chatbot.Knowledge.Chunking;

/// <summary>How documents are cut into passages for retrieval.</summary>
public sealed class ChunkingOptions
{
    /// <summary>A chunk is not closed at a heading until it has at least this many words.</summary>
    [Range(10, 2000)]
    public int MinWords { get; set; } = 60;

    /// <summary>A chunk is closed before it would exceed this many words (a longer single sentence is split by words).</summary>
    [Range(20, 4000)]
    public int MaxWords { get; set; } = 220;

    /// <summary>Sentences repeated at the start of the next chunk of the same section (0 or 1).</summary>
    [Range(0, 1)]
    public int OverlapSentences { get; set; } = 1;

    /// <summary>A short text that changes whenever chunk boundaries would; stored in the manifest to force a rebuild.</summary>
    public string Fingerprint => $"chunk-v4:{MinWords}:{MaxWords}:{OverlapSentences}";
}
