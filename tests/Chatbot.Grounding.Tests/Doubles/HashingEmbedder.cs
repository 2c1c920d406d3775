using Microsoft.Extensions.AI;

namespace Chatbot.Grounding.Tests.Doubles;

/// <summary>A fast stand-in for MiniLM: bag-of-words vectors hashed into 64 dimensions, so equal words mean similar vectors.</summary>
public sealed class HashingEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly List<string> _embedded = [];

    /// <summary>How many texts were embedded.</summary>
    public int Texts
    {
        get
        {
            lock (_embedded)
            {
                return _embedded.Count;
            }
        }
    }

    /// <summary>The texts embedded, in order.</summary>
    public IReadOnlyList<string> Embedded
    {
        get
        {
            lock (_embedded)
            {
                return [.. _embedded];
            }
        }
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            lock (_embedded)
            {
                _embedded.Add(value);
            }

            var vector = new float[64];
            foreach (var word in value.ToLowerInvariant().Split([' ', '.', ',', '[', ']'], StringSplitOptions.RemoveEmptyEntries))
            {
                vector[(int)((uint)StableHash(word) % 64)] += 1;
            }

            vector[0] += 0.01f;
            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
