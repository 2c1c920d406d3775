using Chatbot.Knowledge.Embeddings;
using Chatbot.Knowledge.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace Chatbot.Knowledge.Tests.Embeddings;

public sealed class BoundedCachingEmbeddingGeneratorTests
{
    [Fact]
    public async Task GenerateAsync_RepeatedText_IsEmbeddedOnce()
    {
        var counting = new CountingEmbeddingGenerator(new HashingEmbeddingGenerator());
        using var cache = new BoundedCachingEmbeddingGenerator(counting, capacity: 4);

        var first = await cache.GenerateAsync(["what is a zorblat?"]);
        var second = await cache.GenerateAsync(["what is a zorblat?"]);

        Assert.Equal(1, counting.TextsEmbedded);
        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_MixedBatch_EmbedsOnlyTheNewTextsAndKeepsTheOrder()
    {
        var counting = new CountingEmbeddingGenerator(new HashingEmbeddingGenerator());
        using var cache = new BoundedCachingEmbeddingGenerator(counting, capacity: 8);
        await cache.GenerateAsync(["quillfeather engine"]);

        var batch = await cache.GenerateAsync(["harrow labs", "quillfeather engine", "harrow labs", "vector art"]);

        Assert.Equal(3, counting.TextsEmbedded); // the first call's text, then "harrow labs" and "vector art" once each
        Assert.Equal(4, batch.Count);
        Assert.Equal(HashingEmbeddingGenerator.Embed("harrow labs"), batch[0].Vector.ToArray());
        Assert.Equal(HashingEmbeddingGenerator.Embed("quillfeather engine"), batch[1].Vector.ToArray());
        Assert.Equal(HashingEmbeddingGenerator.Embed("harrow labs"), batch[2].Vector.ToArray());
        Assert.Equal(HashingEmbeddingGenerator.Embed("vector art"), batch[3].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_PastCapacity_ForgetsTheLeastRecentlyUsed()
    {
        var counting = new CountingEmbeddingGenerator(new HashingEmbeddingGenerator());
        using var cache = new BoundedCachingEmbeddingGenerator(counting, capacity: 2);
        await cache.GenerateAsync(["a zorblat"]);
        await cache.GenerateAsync(["a quillfeather"]);
        await cache.GenerateAsync(["a zorblat"]); // now the most recent
        await cache.GenerateAsync(["a harrow"]); // evicts "a quillfeather"

        await cache.GenerateAsync(["a zorblat"]);
        Assert.Equal(3, counting.TextsEmbedded);
        await cache.GenerateAsync(["a quillfeather"]);
        Assert.Equal(4, counting.TextsEmbedded);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedCachingEmbeddingGenerator(new HashingEmbeddingGenerator(), 0));

    [Fact]
    public void UseBoundedCache_Zero_AddsNoLayer()
    {
        var inner = new HashingEmbeddingGenerator();

        var built = new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner).UseBoundedCache(0).Build();

        Assert.Same(inner, built);
    }
}
