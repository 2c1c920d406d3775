using Microsoft.Extensions.AI;

namespace Chatbot.Knowledge.Embeddings;

/// <summary>
/// Remembers the embeddings of the most recently seen texts, so a message many people send ("hi", "what is a GAN?")
/// is embedded once. Bounded: past <see cref="Capacity"/> texts, the least recently used is forgotten. Texts that are
/// not cached go to the inner generator together, in one call.
/// </summary>
/// <remarks>Thread-safe. Embeddings are returned as cached; callers must not change their vectors.</remarks>
public sealed class BoundedCachingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Text, Embedding<float> Embedding)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Text, Embedding<float> Embedding)> _recency = new();

    /// <summary>Creates the cache in front of <paramref name="innerGenerator"/>.</summary>
    /// <param name="innerGenerator">The generator that computes what is not cached.</param>
    /// <param name="capacity">How many texts to remember; at least 1.</param>
    public BoundedCachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, int capacity)
        : base(innerGenerator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>How many texts are remembered at most.</summary>
    public int Capacity { get; }

    /// <summary>How many texts are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        var results = new Embedding<float>?[texts.Count];
        var missing = new List<string>();
        lock (_lock)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (_entries.TryGetValue(texts[i], out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    results[i] = node.Value.Embedding;
                }
                else if (!missing.Contains(texts[i]))
                {
                    missing.Add(texts[i]);
                }
            }
        }

        if (missing.Count > 0)
        {
            var generated = await base.GenerateAsync(missing, options, cancellationToken).ConfigureAwait(false);
            if (generated.Count != missing.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {generated.Count} embeddings for {missing.Count} texts.");
            }

            var byText = new Dictionary<string, Embedding<float>>(StringComparer.Ordinal);
            lock (_lock)
            {
                for (var i = 0; i < missing.Count; i++)
                {
                    byText[missing[i]] = generated[i];
                    Remember(missing[i], generated[i]);
                }
            }

            for (var i = 0; i < texts.Count; i++)
            {
                results[i] ??= byText[texts[i]];
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        result.AddRange(results!);
        return result;
    }

    private void Remember(string text, Embedding<float> embedding)
    {
        if (_entries.TryGetValue(text, out var existing))
        {
            _recency.Remove(existing);
            _entries.Remove(text);
        }

        _entries[text] = _recency.AddFirst((text, embedding));
        if (_entries.Count > Capacity)
        {
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Text);
        }
    }
}
