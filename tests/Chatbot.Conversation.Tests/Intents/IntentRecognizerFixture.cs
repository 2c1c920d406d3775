using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Understanding;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Embeddings;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Chatbot.Testing.Files;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Intents;

/// <summary>
/// One MiniLM model, one knowledge index and one recognizer for every test class in <see cref="IntentRecognizerCollection"/>.
/// The index holds eight of the built-in articles and a made-up pilot's returns page (Contoso), so the recognizer
/// weighs the knowledge base's match as the bot does.
/// </summary>
public sealed class IntentRecognizerFixture : IDisposable
{
    /// <summary>The built-in articles indexed.</summary>
    public static readonly string[] Articles =
    [
        "generative-adversarial-networks", "diffusion-models", "transformers-and-attention", "chatgpt", "tokenization",
        "retrieval-augmented-generation", "recurrent-neural-networks", "gpt-4",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("intent-tests-").FullName;
    private readonly KnowledgeIndex _index;

    public IntentRecognizerFixture()
    {
        var builtIn = Directory.CreateDirectory(Path.Combine(_folder, "builtin")).FullName;
        foreach (var article in Articles)
        {
            File.Copy(Path.Combine(RepositoryFolder("knowledge"), article + ".md"), Path.Combine(builtIn, article + ".md"));
        }

        var pilot = Directory.CreateDirectory(Path.Combine(_folder, "pilot")).FullName;
        File.WriteAllText(Path.Combine(pilot, "contoso-returns.md"), """
            ---
            id: contoso-returns
            title: Returns and refunds
            ---
            # Returns and refunds

            Contoso customers can return a laptop, a mouse or any other item within 45 days of delivery for a full refund.

            ## Starting a return

            To start a return, open your order under My orders and choose Return items. Print the label and drop the parcel at any post office.

            ## Refunds

            We refund your money within 5 business days after the parcel reaches our warehouse, to the card you paid with.

            ## Damaged items

            If an item arrives broken or damaged, report it within 7 days with a photo and we send a replacement for free.
            """);

        var options = new KnowledgeOptions { IndexPath = Path.Combine(_folder, "index"), BuiltInPath = builtIn, DocumentFolders = [pilot], ChunkMinWords = 10 };
        _index = new KnowledgeIndex(options.IndexPath, Generator);
        new KnowledgeIngestor(_index, options).EnsureIndexedAsync().GetAwaiter().GetResult();
        Retriever = new HybridRetriever(_index);
        Recognizer = new IntentRecognizer(Options.Create(new IntentOptions()), Retriever);
        Analyzer = new MessageAnalyzer(Generator, ConversationMessageParser.ForIntentExamples());
    }

    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public HybridRetriever Retriever { get; }

    public IntentRecognizer Recognizer { get; }

    /// <summary>The turn's analysis as the bot computes it, on the same model.</summary>
    public MessageAnalyzer Analyzer { get; }

    /// <summary>Analyses <paramref name="text"/> and recognises it with <paramref name="recognizer"/> (default: <see cref="Recognizer"/>).</summary>
    public async Task<IntentResult> RecognizeAsync(string text, IIntentRecognizer? recognizer = null) =>
        await (recognizer ?? Recognizer).RecognizeAsync(await Analyzer.AnalyzeAsync(text));

    /// <summary>A folder of the repository (found above the test's output folder).</summary>
    public static string RepositoryFolder(string name) => RepositoryRoot.Combine(name);

    public void Dispose()
    {
        _index.Dispose();
        Generator.Dispose();
        TempFolder.TryDelete(_folder);
    }
}

[CollectionDefinition(Name)]
public sealed class IntentRecognizerCollection : ICollectionFixture<IntentRecognizerFixture>
{
    public const string Name = "Intents with MiniLM";
}
