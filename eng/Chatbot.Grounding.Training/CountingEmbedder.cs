using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Chatbot.Grounding.Training.Tool;

/// <summary>Counts texts and time spent embedding, to see where a check's milliseconds go.</summary>
internal sealed class CountingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Calls { get; private set; }

    public int Texts { get; private set; }

    public double Milliseconds { get; private set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        var watch = Stopwatch.StartNew();
        var result = await inner.GenerateAsync(list, options, cancellationToken);
        Milliseconds += watch.Elapsed.TotalMilliseconds;
        Calls++;
        Texts += list.Count;
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}
