using Microsoft.Extensions.AI;

namespace Chatbot.Knowledge.Embeddings;

/// <summary>Adds <see cref="BoundedCachingEmbeddingGenerator"/> to an embedding pipeline.</summary>
public static class EmbeddingGeneratorBuilderExtensions
{
    /// <summary>Remembers the embeddings of the last <paramref name="capacity"/> texts; 0 adds nothing.</summary>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseBoundedCache(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, int capacity)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return capacity == 0 ? builder : builder.Use(inner => new BoundedCachingEmbeddingGenerator(inner, capacity));
    }
}
