using Chatbot.Knowledge.Embeddings;

namespace Chatbot.Grounding.Tests.Doubles;

/// <summary>One MiniLM session per test class (loading it costs about a second).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}
