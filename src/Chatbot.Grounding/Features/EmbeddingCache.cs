using System.Collections.Concurrent;

namespace Chatbot.Grounding.Features;

/// <summary>
/// Remembers sentence embeddings across checks: the same knowledge-base passages come back turn
/// after turn. Bounded; when full it starts over rather than tracking recency.
/// </summary>
internal sealed class EmbeddingCache(int capacity)
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public bool TryGet(string text, out float[] vector)
    {
        if (capacity > 0 && _vectors.TryGetValue(text, out var found))
        {
            vector = found;
            return true;
        }

        vector = [];
        return false;
    }

    public void Add(string text, float[] vector)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (_vectors.Count >= capacity)
        {
            _vectors.Clear();
        }

        _vectors[text] = vector;
    }
}
