using Chatbot.Conversation.Intents;
using Chatbot.Knowledge.Embeddings;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Intents;

/// <summary>
/// One MiniLM model and one recognizer (examples embedded once) for every test class in
/// <see cref="IntentRecognizerCollection"/>: loading the model and embedding the examples take about two seconds.
/// </summary>
public sealed class IntentRecognizerFixture : IDisposable
{
    public IntentRecognizerFixture() =>
        Recognizer = new IntentRecognizer(Generator, Options.Create(new IntentOptions()));

    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public IntentRecognizer Recognizer { get; }

    public void Dispose() => Generator.Dispose();
}

[CollectionDefinition(Name)]
public sealed class IntentRecognizerCollection : ICollectionFixture<IntentRecognizerFixture>
{
    public const string Name = "Intents with MiniLM";
}
