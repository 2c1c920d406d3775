using Microsoft.Extensions.AI;

namespace Chatbot.AI.Tests.Extractive;

/// <summary>
/// Embeds a text as how often it names each keyword, plus a constant dimension so no vector is zero:
/// similarities a test can work out by hand. Records every batch it is asked to embed.
/// </summary>
public sealed class KeywordEmbeddingGenerator(params string[] keywords) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The texts of each call, in order.</summary>
    public List<IReadOnlyList<string>> Batches { get; } = [];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        Batches.Add(texts);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(Embed)));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private Embedding<float> Embed(string text) =>
        new(keywords.Select(k => (float)CountOf(text, k)).Append(1f).ToArray());

    private static int CountOf(string text, string keyword)
    {
        var count = 0;
        for (var at = text.IndexOf(keyword, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(keyword, at + keyword.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }
}
