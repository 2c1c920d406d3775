using Chatbot.AI.Prompting;
using Chatbot.AI.Responding;
using Chatbot.AI.Tests.Understanding;
using Chatbot.AI.Understanding;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.AI.Tests.Responding;

/// <summary>"What is X?" against a document whose later section mentions X more often than its opening, which defines it.</summary>
public sealed class ResponderDefinitionTests(ResponderFixture fixture) : IClassFixture<ResponderFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("responder-definition-").FullName;
    private KnowledgeIndex? _index;

    public void Dispose()
    {
        _index?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AnswerAsync_WhatIsQuestion_QuotesTheOpeningPassageThatDefinesTheSubject()
    {
        var responder = await CreateResponderAsync();

        var answer = await responder.AnswerAsync(new ResponderRequest("What is a ZSE?"));

        Assert.StartsWith("A zonal search engine (ZSE) is a program that", answer.Text, StringComparison.Ordinal);
        Assert.Equal("zse#0", answer.Citations[0].ChunkId);
    }

    private async Task<Responder> CreateResponderAsync()
    {
        var knowledge = Directory.CreateDirectory(Path.Combine(_folder, "knowledge")).FullName;
        await File.WriteAllTextAsync(Path.Combine(knowledge, "zse.md"), """
            ---
            id: zse
            title: Zonal search engines (ZSEs)
            sources:
              - https://example.org/zse
            ---
            # Zonal search engines (ZSEs)

            A zonal search engine (ZSE) is a program that splits a library catalogue into zones and searches the zones nearest to the reader first. Librarians configure the zones once, when the catalogue is loaded, and readers never see them.

            ## ZSEs today

            ZSEs are still sold today. Many ZSE vendors bundle a ZSE with catalogue software, and a ZSE licence usually covers every ZSE branch of a library. Some ZSE users run two ZSEs side by side while they move from an old ZSE to a new ZSE.
            """);
        var options = new KnowledgeOptions { IndexPath = Path.Combine(_folder, "index"), BuiltInPath = knowledge, ChunkMinWords = 10, TopK = 3 };
        _index = new KnowledgeIndex(options.IndexPath, fixture.Generator);
        await new KnowledgeIngestor(_index, options).EnsureIndexedAsync();
        Assert.Equal(2, _index.ChunkCount);

        // One passage per question: the later section alone would be retrieved without the opening.
        var retriever = new HybridRetriever(_index, defaultTopK: 1);
        return new Responder(retriever, fixture.Extractive, fixture.Extractive, new PromptBuilder(), fixture.Checker, new MessageAnalyzer(fixture.Generator, new RuleOfThumbMessageParser()), NullLogger<Responder>.Instance);
    }
}
