using Microsoft.Extensions.AI;

namespace Chatbot.Conversation.Tests.Intents;

/// <summary>
/// A fast, deterministic stand-in for MiniLM: each word hashed into one of 64 dimensions, unit length.
/// It can be told to fail, to prove what happens when the model is unavailable.
/// </summary>
public sealed class WordHashEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const int Dimensions = 384;
    private int _failuresLeft;

    /// <summary>How many of the next calls throw.</summary>
    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    public int Calls { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("The model is unavailable.");
        }

        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            var vector = new float[Dimensions];
            foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                vector[(int)((uint)StringComparer.Ordinal.GetHashCode(word.Trim('?', '!', '.', ',')) % Dimensions)] += 1;
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
}
