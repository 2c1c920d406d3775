using Chatbot.Knowledge.Embeddings;

namespace Chatbot.Knowledge.Tests.TestSupport;

/// <summary>One MiniLM model for every test class in <see cref="MiniLmCollection"/> (loading it takes about a second).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public void Dispose() => Generator.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "MiniLM";
}
