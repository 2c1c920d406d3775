using Microsoft.Extensions.AI;

namespace Chatbot.Knowledge.Tests.TestSupport;

/// <summary>Counts the texts sent to the inner generator, to prove what was (not) embedded.</summary>
public sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _texts;

    public IEmbeddingGenerator<string, Embedding<float>> Inner => InnerGenerator;

    public int TextsEmbedded => Volatile.Read(ref _texts);

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Add(ref _texts, list.Count);
        return base.GenerateAsync(list, options, cancellationToken);
    }

    /// <summary>The inner generator is shared between tests; do not dispose it.</summary>
    protected override void Dispose(bool disposing)
    {
    }
}
