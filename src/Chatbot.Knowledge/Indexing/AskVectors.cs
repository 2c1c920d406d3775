namespace Chatbot.Knowledge.Indexing;

/// <summary>The doc2query questions' vectors of an index snapshot, each chunk's stored together.</summary>
internal sealed class AskVectors(float[] vectors, int dimensions, Dictionary<int, (int First, int Count)> ranges)
{
    /// <summary>True when no chunk has questions.</summary>
    public bool IsEmpty => ranges.Count == 0;

    /// <summary>The best cosine of <paramref name="query"/> (unit length) and a question of the chunk in <paramref name="row"/>; false when it has none.</summary>
    public bool TryBest(int row, ReadOnlySpan<float> query, out float best)
    {
        best = float.MinValue;
        if (!ranges.TryGetValue(row, out var range))
        {
            return false;
        }

        for (var i = range.First; i < range.First + range.Count; i++)
        {
            best = Math.Max(best, System.Numerics.Tensors.TensorPrimitives.Dot(query, vectors.AsSpan(i * dimensions, dimensions)));
        }

        return true;
    }
}
