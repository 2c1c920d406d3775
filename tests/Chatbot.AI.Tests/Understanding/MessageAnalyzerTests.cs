using Chatbot.AI.Tests.Extractive;
using Chatbot.AI.Understanding;
using Microsoft.Extensions.AI;

namespace Chatbot.AI.Tests.Understanding;

public sealed class MessageAnalyzerTests
{
    private readonly KeywordEmbeddingGenerator _embedder = new("zorblax", "quibble");

    private MessageAnalyzer Analyzer => new(_embedder, new RuleOfThumbMessageParser());

    [Fact]
    public async Task AnalyzeAsync_PlainQuestion_EmbedsTheMessageOnce()
    {
        var analysis = await Analyzer.AnalyzeAsync("  What is a Zorblax?  ");

        Assert.Equal(["What is a Zorblax?"], Assert.Single(_embedder.Batches));
        Assert.Equal("What is a Zorblax?", analysis.Text);
        Assert.Equal("what is a zorblax?", analysis.Normalized);
        Assert.Equal("Zorblax", analysis.DefinedSubject);
        Assert.Empty(analysis.Parts);
        Assert.Null(analysis.Claim);
        Assert.Null(analysis.FollowUp);
        Assert.False(analysis.Compares);
        Assert.True(analysis.HasVectors);
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(analysis.Vector.Span), 4);
    }

    [Fact]
    public async Task AnalyzeAsync_QuestionInTwoParts_EmbedsEachPartInTheSameCall()
    {
        var analysis = await Analyzer.AnalyzeAsync("When was the Zorblax built, and who sells the Quibble?");

        var call = Assert.Single(_embedder.Batches);
        Assert.Equal(3, call.Count);
        Assert.Equal(["When was the Zorblax built", "who sells the Quibble (Zorblax built)"], analysis.Parts.Select(p => p.Text));
        Assert.All(analysis.Parts, part => Assert.False(part.Vector.IsEmpty));
    }

    [Fact]
    public async Task AnalyzeAsync_Claim_EmbedsItsStatementAsASentence()
    {
        var analysis = await Analyzer.AnalyzeAsync("Is it true that the Zorblax hums?");

        Assert.Equal("the Zorblax hums.", analysis.Claim!.Text);
        Assert.Equal(["Is it true that the Zorblax hums?", "the Zorblax hums."], Assert.Single(_embedder.Batches));
    }

    [Fact]
    public async Task AnalyzeAsync_FollowUp_JoinsItToThePreviousQuestion()
    {
        var analysis = await Analyzer.AnalyzeAsync("tell me more", "What is a Quibble?");

        Assert.Equal("What is a Quibble? tell me more", analysis.FollowUp!.Text);
        Assert.Same(analysis.FollowUp, analysis.Query);
        Assert.Equal(2, Assert.Single(_embedder.Batches).Count);
    }

    [Fact]
    public async Task AnalyzeAsync_FollowUpWithoutAnEarlierQuestion_IsTheMessageItself()
    {
        var analysis = await Analyzer.AnalyzeAsync("tell me more");

        Assert.Null(analysis.FollowUp);
        Assert.Equal("tell me more", analysis.Query.Text);
    }

    [Fact]
    public async Task AnalyzeAsync_Comparison_KeepsBothSubjects()
    {
        var analysis = await Analyzer.AnalyzeAsync("Zorblax vs Quibble");

        Assert.True(analysis.Compares);
        Assert.Equal("Zorblax", analysis.ComparedLeft);
        Assert.Equal("Quibble", analysis.ComparedRight);
        Assert.Single(_embedder.Batches);
    }

    [Fact]
    public async Task AnalyzeAsync_ModelFails_GivesAnAnalysisWithoutVectors()
    {
        var analysis = await new MessageAnalyzer(new FailingGenerator(), new RuleOfThumbMessageParser()).AnalyzeAsync("Is it true that the Zorblax hums?");

        Assert.False(analysis.HasVectors);
        Assert.Equal("is it true that the zorblax hums?", analysis.Normalized);
        Assert.True(analysis.Claim!.Vector.IsEmpty);
    }

    [Fact]
    public async Task AnalyzeAsync_Cancelled_Throws() =>
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Analyzer.AnalyzeAsync("What is a Zorblax?", cancellationToken: new CancellationToken(canceled: true)));

    private sealed class FailingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The model is not loaded.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
