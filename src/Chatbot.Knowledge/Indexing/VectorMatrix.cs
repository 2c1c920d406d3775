using System.Buffers;
using System.Numerics.Tensors;

namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// Immutable dense vectors in one contiguous row-major <see cref="float"/> array (one row per chunk).
/// Rows are unit length, so the dot product is the cosine similarity.
/// </summary>
/// <remarks>
/// Large matrices are scanned on an 8-bit copy first (<see cref="QuantizedRows"/>) and the best
/// candidates re-scored exactly with <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>.
/// </remarks>
internal sealed class VectorMatrix
{
    /// <summary>Below this many rows the exact float scan is fast enough on its own.</summary>
    public const int DefaultQuantizeFrom = 4096;

    /// <summary>Candidates kept from the 8-bit scan per requested result.</summary>
    private const int Oversampling = 4;

    private readonly QuantizedRows? _quantized;

    public VectorMatrix(float[] data, int dimensions, int quantizeFrom = DefaultQuantizeFrom)
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
        if (Count >= quantizeFrom && QuantizedRows.IsSupported)
        {
            _quantized = new QuantizedRows(data, dimensions);
        }
    }

    /// <summary>True when searches pre-select on 8-bit rows.</summary>
    public bool IsQuantized => _quantized is not null;

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
        if (_quantized is null || TensorPrimitives.MaxMagnitude(query) == 0)
        {
            return Scan(query, rows[..capacity], scores[..capacity], include);
        }

        // Pre-select on 8-bit rows, then re-score the candidates exactly.
        var candidateCount = Math.Min(Count, capacity * Oversampling);
        var candidateRows = ArrayPool<int>.Shared.Rent(candidateCount);
        var candidateScores = ArrayPool<float>.Shared.Rent(candidateCount);
        Span<sbyte> quantizedQuery = stackalloc sbyte[Dimensions];
        try
        {
            var queryScale = QuantizedRows.Quantize(query, quantizedQuery);
            var candidates = 0;
            var candidateRowSpan = candidateRows.AsSpan(0, candidateCount);
            var candidateScoreSpan = candidateScores.AsSpan(0, candidateCount);
            for (var row = 0; row < Count; row++)
            {
                if (include.Includes(row))
                {
                    Insert(candidateRowSpan, candidateScoreSpan, ref candidates, row, _quantized.Score(row, quantizedQuery, queryScale));
                }
            }

            var found = 0;
            for (var i = 0; i < candidates; i++)
            {
                var row = candidateRows[i];
                Insert(rows[..capacity], scores[..capacity], ref found, row, TensorPrimitives.Dot(Row(row), query));
            }

            return found;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(candidateRows);
            ArrayPool<float>.Shared.Return(candidateScores);
        }
    }

    private int Scan(ReadOnlySpan<float> query, Span<int> rows, Span<float> scores, RowFilter include)
    {
        var found = 0;
        var data = Data.AsSpan();
        for (var row = 0; row < Count; row++)
        {
            if (include.Includes(row))
            {
                Insert(rows, scores, ref found, row, TensorPrimitives.Dot(data.Slice(row * Dimensions, Dimensions), query));
            }
        }

        return found;
    }

    /// <summary>Keeps <paramref name="rows"/> as the best scores seen so far, best first.</summary>
    private static void Insert(Span<int> rows, Span<float> scores, ref int found, int row, float score)
    {
        var capacity = rows.Length;
        if (found == capacity && (capacity == 0 || score <= scores[found - 1]))
        {
            return;
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
