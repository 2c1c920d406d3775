using Chatbot.AI.Extractive;
using Chatbot.AI.Tests.Extractive;
using Chatbot.AI.Tests.Understanding;
using Chatbot.AI.Understanding;
using Chatbot.Grounding;
using Chatbot.Grounding.Model;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Embeddings;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Chatbot.Testing.Files;

namespace Chatbot.AI.Tests.Responding;

/// <summary>
/// A real hybrid index over three small curated documents (GPT-4, diffusion models, GANs) in a temp folder,
/// with one MiniLM model, grounding checker and extractive backend for the whole test class.
/// </summary>
public sealed class ResponderFixture : IDisposable
{
    /// <summary>Each question retrieves exactly this many passages: one per document.</summary>
    public const int SourceCount = 3;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "responder-tests-" + Guid.NewGuid().ToString("N"));
    private readonly KnowledgeIndex _index;

    public ResponderFixture()
    {
        var options = new KnowledgeOptions
        {
            IndexPath = Path.Combine(_folder, "index"),
            BuiltInPath = Path.Combine(_folder, "knowledge"),
            TopK = SourceCount,
        };
        Directory.CreateDirectory(options.BuiltInPath);
        Write(options.BuiltInPath, "gpt-4", "GPT-4", "https://example.org/gpt-4", ExtractiveFixture.Gpt4Text);
        Write(options.BuiltInPath, "diffusion-models", "Diffusion models", "https://example.org/diffusion", ExtractiveFixture.DiffusionText);
        Write(options.BuiltInPath, "gans", "Generative adversarial networks", "https://example.org/gans", ExtractiveFixture.GanText);

        _index = new KnowledgeIndex(options.IndexPath, Generator);
        var result = new KnowledgeIngestor(_index, options).IngestAsync(IngestSource.BuiltIn(options.BuiltInPath)).GetAwaiter().GetResult();
        Assert.Empty(result.Failures);
        Assert.Equal(SourceCount, _index.ChunkCount);

        Retriever = new HybridRetriever(_index, defaultTopK: SourceCount);
        var embedder = new MemoizingEmbeddingGenerator(Generator);
        Checker = new GroundingChecker(embedder, GroundingModel.LoadDefault());
        Composer = new ExtractiveComposer(embedder, Checker, SentenceRanker.LoadDefault());
        Extractive = new ExtractiveChatClient(Composer);
        Analyzer = new MessageAnalyzer(embedder, new RuleOfThumbMessageParser());
    }

    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public HybridRetriever Retriever { get; }

    public GroundingChecker Checker { get; }

    public ExtractiveComposer Composer { get; }

    public ExtractiveChatClient Extractive { get; }

    /// <summary>The turn's analysis, on the same model as the index.</summary>
    public MessageAnalyzer Analyzer { get; }

    public void Dispose()
    {
        _index.Dispose();
        Generator.Dispose();
        TempFolder.TryDelete(_folder);
    }

    private static void Write(string folder, string id, string title, string url, string body) =>
        File.WriteAllText(Path.Combine(folder, id + ".md"), $"""
            ---
            id: {id}
            title: {title}
            sources:
              - {url}
            ---
            {body}
            """);
}
