using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Chatbot.AI.Tests.Extractive;

/// <summary>
/// Remembers every text's embedding, so tests that compose from the same sources embed each source sentence once
/// instead of on every call (the model is deterministic, so answers are unchanged; only the time goes).
/// </summary>
public sealed class MemoizingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly ConcurrentDictionary<string, Embedding<float>> _embeddings = new(StringComparer.Ordinal);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var missing = texts.Where(t => !_embeddings.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var generated = await base.GenerateAsync(missing, options, cancellationToken);
            for (var i = 0; i < missing.Count; i++)
            {
                _embeddings.TryAdd(missing[i], generated[i]);
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => _embeddings[t]));
    }

    /// <summary>The inner model belongs to the fixture, which disposes it.</summary>
    protected override void Dispose(bool disposing)
    {
    }
}
