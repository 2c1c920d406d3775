using System.Numerics.Tensors;

namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// Immutable dense vectors in one contiguous row-major <see cref="float"/> array (one row per chunk).
/// Rows are unit length, so the dot product is the cosine similarity.
/// </summary>
internal sealed class VectorMatrix
{
    public VectorMatrix(float[] data, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (data.Length % dimensions != 0)
        {
            throw new ArgumentException("The data length must be a multiple of the dimensions.", nameof(data));
        }

        Data = data;
        Dimensions = dimensions;
        Count = data.Length / dimensions;
    }

    public static VectorMatrix Empty(int dimensions) => new([], dimensions);

    public float[] Data { get; }

    public int Dimensions { get; }

    public int Count { get; }

    public ReadOnlySpan<float> Row(int row) => Data.AsSpan(row * Dimensions, Dimensions);

    /// <summary>
    /// Finds the <paramref name="rows"/>.Length best rows by dot product with <paramref name="query"/>,
    /// best first, considering only rows where <paramref name="include"/> is null or true.
    /// Allocates nothing: the caller provides the output buffers.
    /// </summary>
    /// <returns>How many results were written (fewer than requested when the matrix is small).</returns>
    public int Search(ReadOnlySpan<float> query, Span<int> rows, Span<float> scores, RowFilter include)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the index has {Dimensions}.", nameof(query));
        }

        var capacity = Math.Min(rows.Length, scores.Length);
        var found = 0;
        var data = Data.AsSpan();
        for (var row = 0; row < Count; row++)
        {
            if (!include.Includes(row))
            {
                continue;
            }

            var score = TensorPrimitives.Dot(data.Slice(row * Dimensions, Dimensions), query);
            if (found == capacity && (capacity == 0 || score <= scores[found - 1]))
            {
                continue;
            }

            // Insertion into a short sorted list: cheap because few rows beat the current worst.
            var position = found < capacity ? found++ : found - 1;
            while (position > 0 && scores[position - 1] < score)
            {
                scores[position] = scores[position - 1];
                rows[position] = rows[position - 1];
                position--;
            }

            scores[position] = score;
            rows[position] = row;
        }

        return found;
    }

    /// <summary>Scales <paramref name="vector"/> to unit length in place (a zero vector stays zero).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && MathF.Abs(norm - 1f) > 1e-4f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
