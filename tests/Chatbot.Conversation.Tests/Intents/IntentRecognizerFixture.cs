using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Understanding;
using Chatbot.Knowledge.Embeddings;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Intents;

/// <summary>
/// One MiniLM model and one recognizer (examples embedded once) for every test class in
/// <see cref="IntentRecognizerCollection"/>: loading the model and embedding the examples take about two seconds.
/// </summary>
public sealed class IntentRecognizerFixture : IDisposable
{
    public IntentRecognizerFixture()
    {
        Recognizer = new IntentRecognizer(Generator, Options.Create(new IntentOptions()));
        Analyzer = new MessageAnalyzer(Generator, ConversationMessageParser.ForIntentExamples());
    }

    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public IntentRecognizer Recognizer { get; }

    /// <summary>The turn's analysis as the bot computes it, on the same model.</summary>
    public MessageAnalyzer Analyzer { get; }

    /// <summary>Analyses <paramref name="text"/> and recognises it with <paramref name="recognizer"/> (default: <see cref="Recognizer"/>).</summary>
    public async Task<IntentResult> RecognizeAsync(string text, IIntentRecognizer? recognizer = null) =>
        await (recognizer ?? Recognizer).RecognizeAsync(await Analyzer.AnalyzeAsync(text));

    public void Dispose() => Generator.Dispose();
}

[CollectionDefinition(Name)]
public sealed class IntentRecognizerCollection : ICollectionFixture<IntentRecognizerFixture>
{
    public const string Name = "Intents with MiniLM";
}
