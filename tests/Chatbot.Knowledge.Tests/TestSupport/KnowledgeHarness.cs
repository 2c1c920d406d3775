using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.AI;

namespace Chatbot.Knowledge.Tests.TestSupport;

/// <summary>A temp folder with <c>knowledge/</c>, <c>pilot/</c> and an index, and factories for the engine's parts.</summary>
public sealed class KnowledgeHarness : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public KnowledgeHarness(IEmbeddingGenerator<string, Embedding<float>>? generator = null)
    {
        Generator = new CountingEmbeddingGenerator(generator ?? new HashingEmbeddingGenerator());
        Options = new KnowledgeOptions
        {
            IndexPath = Folder.Combine("index"),
            BuiltInPath = Folder.Combine("knowledge"),
            DocumentFolders = [Folder.Combine("pilot")],
            ChunkMinWords = 20,
            ChunkMaxWords = 120,
        };
        Directory.CreateDirectory(Options.BuiltInPath);
        Directory.CreateDirectory(Options.DocumentFolders[0]);
    }

    public TempFolder Folder { get; } = new();

    public KnowledgeOptions Options { get; }

    public CountingEmbeddingGenerator Generator { get; private set; }

    public string BuiltIn(string file) => Path.Combine(Options.BuiltInPath, file);

    public string Pilot(string file) => Path.Combine(Options.DocumentFolders[0], file);

    public void WriteCorpus()
    {
        foreach (var (file, content) in TestDocuments.Corpus)
        {
            File.WriteAllText(BuiltIn(file), content);
        }
    }

    public KnowledgeIndex CreateIndex()
    {
        var index = new KnowledgeIndex(Options.IndexPath, Generator);
        _owned.Add(index);
        return index;
    }

    public KnowledgeIngestor CreateIngestor(KnowledgeIndex index) => new(index, Options);

    public HybridRetriever CreateRetriever(KnowledgeIndex index) => new(index, Options.TopK, Options.CandidateCount, Options.MaxPassagesPerDocument);

    /// <summary>Simulates a restart: a fresh counter around the same model.</summary>
    public CountingEmbeddingGenerator Restart()
    {
        Generator = new CountingEmbeddingGenerator(Generator.Inner);
        return Generator;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Folder.Dispose();
    }
}
