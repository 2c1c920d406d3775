using System.Numerics;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// The embedded example utterances as one contiguous row-major matrix of unit vectors, searched exhaustively:
/// a few hundred rows of 384 floats take well under a millisecond, far less than embedding the message.
/// </summary>
/// <remarks>Immutable after construction, so safe to search from several threads.</remarks>
internal sealed class ExampleIndex
{
    /// <summary>How many nearest examples vote.</summary>
    public const int NeighbourCount = 10;

    /// <summary>Softness of the vote: a neighbour this much less similar than the nearest counts e (2.7) times less.</summary>
    public const float VoteTemperature = 0.05f;

    private static readonly int IntentCount = Enum.GetValues<Intent>().Length;

    private readonly float[] _matrix;
    private readonly Intent[] _labels;

    /// <param name="vectors">One embedding per example, all of the same length.</param>
    /// <param name="labels">The intent of each example, in the same order.</param>
    public ExampleIndex(IReadOnlyList<ReadOnlyMemory<float>> vectors, IReadOnlyList<Intent> labels)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        if (vectors.Count == 0 || vectors.Count != labels.Count)
        {
            throw new ArgumentException($"Expected one vector per label, got {vectors.Count} vectors for {labels.Count} labels.", nameof(vectors));
        }

        Dimensions = vectors[0].Length;
        _matrix = new float[vectors.Count * Dimensions];
        _labels = [.. labels];
        for (var row = 0; row < vectors.Count; row++)
        {
            if (vectors[row].Length != Dimensions)
            {
                throw new ArgumentException($"Vector {row} has {vectors[row].Length} dimensions, expected {Dimensions}.", nameof(vectors));
            }

            var target = _matrix.AsSpan(row * Dimensions, Dimensions);
            vectors[row].Span.CopyTo(target);
            Normalize(target);
        }
    }

    /// <summary>The length of every row.</summary>
    public int Dimensions { get; }

    /// <summary>The number of examples.</summary>
    public int Count => _labels.Length;

    /// <summary>Lets the <see cref="NeighbourCount"/> most similar examples vote, each weighted by its similarity.</summary>
    /// <param name="query">The message's embedding; normalized in place.</param>
    public SimilarityVote Vote(Span<float> query)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions, expected {Dimensions}.", nameof(query));
        }

        Normalize(query);
        var k = Math.Min(NeighbourCount, Count);
        Span<float> topSimilarity = stackalloc float[k];
        Span<int> topRow = stackalloc int[k];
        topSimilarity.Fill(float.NegativeInfinity);
        Span<float> bestPerIntent = stackalloc float[IntentCount];
        bestPerIntent.Fill(float.NegativeInfinity);

        for (var row = 0; row < Count; row++)
        {
            var similarity = Dot(query, _matrix.AsSpan(row * Dimensions, Dimensions));
            var label = (int)_labels[row];
            bestPerIntent[label] = Math.Max(bestPerIntent[label], similarity);
            if (similarity <= topSimilarity[k - 1])
            {
                continue;
            }

            // Insertion into the short sorted top-k list.
            var position = k - 1;
            while (position > 0 && topSimilarity[position - 1] < similarity)
            {
                topSimilarity[position] = topSimilarity[position - 1];
                topRow[position] = topRow[position - 1];
                position--;
            }

            topSimilarity[position] = similarity;
            topRow[position] = row;
        }

        var shares = new double[IntentCount];
        var total = 0.0;
        for (var i = 0; i < k; i++)
        {
            var weight = Math.Exp((topSimilarity[i] - topSimilarity[0]) / VoteTemperature);
            shares[(int)_labels[topRow[i]]] += weight;
            total += weight;
        }

        for (var intent = 0; intent < IntentCount; intent++)
        {
            shares[intent] /= total;
        }

        return new SimilarityVote(shares, bestPerIntent.ToArray(), topSimilarity[0]);
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var result = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            result += a[i] * b[i];
        }

        return result;
    }

    private static void Normalize(Span<float> vector)
    {
        var norm = MathF.Sqrt(Dot(vector, vector));
        if (norm is 0 or float.NaN)
        {
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
    }
}
