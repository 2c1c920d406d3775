using Chatbot.AI.Extractive;
using Chatbot.AI.Prompting;
using Chatbot.AI.Providers;
using Chatbot.AI.Responding;
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
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.AI.Tests.Responding;

/// <summary>The responder over a real index holding a pilot's FAQ (a made-up shop) next to an article.</summary>
public sealed class CuratedAnswerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "curated-tests-" + Guid.NewGuid().ToString("N"));
    private readonly MiniLmEmbeddingGenerator _generator = new();
    private readonly KnowledgeIndex _index;
    private readonly Responder _responder;

    public CuratedAnswerTests()
    {
        var pilot = Path.Combine(_folder, "pilot");
        Directory.CreateDirectory(pilot);
        File.WriteAllText(Path.Combine(pilot, "faq.tsv"), """
            Question	Answer	Source	QnaId
            How long is the warranty on Zorblat kettles?	Every Zorblat kettle has a three-year warranty.	https://help.zorblat.example/warranty	1
            Is my Zorblat kettle still under warranty?	Every Zorblat kettle has a three-year warranty.	https://help.zorblat.example/warranty	1
            Which countries does Zorblat deliver to?	Zorblat delivers to Quennerland and Vostia only.	https://help.zorblat.example/delivery	2
            """.Replace("            ", string.Empty, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(pilot, "kettles.md"), "# Zorblat kettles\n\nA Zorblat kettle boils a litre of water in ninety seconds. Its lid opens with a button on the handle.\n");
        var options = new KnowledgeOptions { IndexPath = Path.Combine(_folder, "index"), BuiltInPath = Path.Combine(_folder, "none"), DocumentFolders = [pilot], TopK = 4 };
        Directory.CreateDirectory(options.BuiltInPath);
        _index = new KnowledgeIndex(options.IndexPath, _generator);
        var result = new KnowledgeIngestor(_index, options).IngestAsync(IngestSource.Pilot(pilot)).GetAwaiter().GetResult();
        Assert.Empty(result.Failures);

        var embedder = new MemoizingEmbeddingGenerator(_generator);
        var checker = new GroundingChecker(embedder, GroundingModel.LoadDefault());
        var extractive = new ExtractiveChatClient(new ExtractiveComposer(embedder, checker, SentenceRanker.LoadDefault()));
        _responder = new Responder(
            new HybridRetriever(_index, defaultTopK: 4), extractive, extractive, new PromptBuilder(), checker, new MessageAnalyzer(embedder, new RuleOfThumbMessageParser()), NullLogger<Responder>.Instance);
    }

    [Fact]
    public async Task AnswerAsync_ParaphraseOfAFaqQuestion_GivesTheCuratedAnswerCitedAndSupported()
    {
        var answer = await _responder.AnswerAsync(new ResponderRequest("how many years of warranty do zorblat kettles get?"));

        Assert.Equal("How long is the warranty on Zorblat kettles?", answer.CuratedQuestion);
        Assert.Equal(ChatBackend.CuratedName, answer.Backend);
        var sentence = Assert.Single(answer.Sentences);
        Assert.Equal("Every Zorblat kettle has a three-year warranty.", sentence.Text.Trim());
        Assert.Equal([1], sentence.Citations);
        Assert.Equal(GroundingVerdict.Supported, sentence.Verdict);
        Assert.Equal("https://help.zorblat.example/warranty", answer.Citations[0].Url);
    }

    [Fact]
    public async Task AnswerAsync_QuestionNoEntryAsks_IsAnsweredFromThePassagesInstead()
    {
        var answer = await _responder.AnswerAsync(new ResponderRequest("how fast does a Zorblat kettle boil water?"));

        Assert.Null(answer.CuratedQuestion);
        Assert.Contains("ninety seconds", answer.Text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _index.Dispose();
        _generator.Dispose();
        TempFolder.TryDelete(_folder);
    }
}
