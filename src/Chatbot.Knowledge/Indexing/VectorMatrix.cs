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

    /// <summary>From this many rows the 8-bit scan is split over the processor's cores.</summary>
    public const int ParallelFrom = 32_768;


    /// <summary>Candidates kept from the 8-bit scan per requested result.</summary>
    private const int Oversampling = 4;

    private readonly QuantizedRows? _quantized;
    private readonly int _stripes;

    /// <param name="data">Row-major unit-length rows.</param>
    /// <param name="dimensions">Floats per row.</param>
    /// <param name="quantizeFrom">From this many rows searches pre-select on an 8-bit copy.</param>
    /// <param name="parallelFrom">From this many rows the 8-bit scan is split into stripes.</param>
    /// <param name="stripes">Stripes a split scan uses; by default one per core, at most four.</param>
    public VectorMatrix(float[] data, int dimensions, int quantizeFrom = DefaultQuantizeFrom, int parallelFrom = ParallelFrom, int? stripes = null)
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
        _stripes = Count >= parallelFrom ? Math.Max(1, stripes ?? Math.Min(Environment.ProcessorCount, 4)) : 1;
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
    /// The caller provides the output buffers; the scan itself allocates only its stripes' bookkeeping.
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

        // Pre-select on 8-bit rows, then re-score the candidates exactly. A large matrix is scanned
        // in stripes on several cores, each keeping its own candidates; the stripes' candidates
        // together hold every row the single scan would have kept.
        var candidateCount = Math.Min(Count, capacity * Oversampling);
        var stripes = _stripes;
        var candidateRows = ArrayPool<int>.Shared.Rent(candidateCount * stripes);
        var candidateScores = ArrayPool<float>.Shared.Rent(candidateCount * stripes);
        var candidatesFound = new int[stripes];
        var quantizedQuery = ArrayPool<sbyte>.Shared.Rent(Dimensions);
        try
        {
            var queryScale = QuantizedRows.Quantize(query, quantizedQuery.AsSpan(0, Dimensions));
            if (stripes == 1)
            {
                candidatesFound[0] = Preselect(0, Count, quantizedQuery, queryScale, include, candidateRows.AsSpan(0, candidateCount), candidateScores.AsSpan(0, candidateCount));
            }
            else
            {
                var stripeLength = (Count + stripes - 1) / stripes;
                Parallel.For(0, stripes, stripe =>
                {
                    var first = stripe * stripeLength;
                    candidatesFound[stripe] = Preselect(
                        first,
                        Math.Min(Count, first + stripeLength),
                        quantizedQuery,
                        queryScale,
                        include,
                        candidateRows.AsSpan(stripe * candidateCount, candidateCount),
                        candidateScores.AsSpan(stripe * candidateCount, candidateCount));
                });
            }

            var found = 0;
            for (var stripe = 0; stripe < stripes; stripe++)
            {
                for (var i = 0; i < candidatesFound[stripe]; i++)
                {
                    var row = candidateRows[(stripe * candidateCount) + i];
                    Insert(rows[..capacity], scores[..capacity], ref found, row, TensorPrimitives.Dot(Row(row), query));
                }
            }

            return found;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(candidateRows);
            ArrayPool<float>.Shared.Return(candidateScores);
            ArrayPool<sbyte>.Shared.Return(quantizedQuery);
        }
    }

    /// <summary>The best rows of <c>[first, end)</c> by 8-bit score, best first; returns how many.</summary>
    private int Preselect(int first, int end, sbyte[] quantizedQuery, float queryScale, RowFilter include, Span<int> rows, Span<float> scores)
    {
        var query = quantizedQuery.AsSpan(0, Dimensions);
        var found = 0;
        for (var row = first; row < end; row++)
        {
            if (include.Includes(row))
            {
                Insert(rows, scores, ref found, row, _quantized!.Score(row, query, queryScale));
            }
        }

        return found;
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
