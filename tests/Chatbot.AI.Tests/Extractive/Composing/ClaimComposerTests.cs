using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Composing;
using Chatbot.AI.Prompting;
using Chatbot.Grounding;
using Chatbot.Grounding.Model;

namespace Chatbot.AI.Tests.Extractive.Composing;

public sealed class ClaimComposerTests
{
    [Theory]
    [InlineData("Is it true that the Zorblax hums?", "the Zorblax hums")]
    [InlineData("is it correct that the Zorblax hums", "the Zorblax hums")]
    [InlineData("Fact-check: the Zorblax was built in 2031.", "the Zorblax was built in 2031.")]
    [InlineData("Claim: the Quibble rattles", "the Quibble rattles")]
    [InlineData("I heard that the Quibble rattles?", "the Quibble rattles")]
    [InlineData("True or false: Zorblaxes hum", "Zorblaxes hum")]
    [InlineData("  The Zorblax hums? ", "The Zorblax hums")]
    public void ClaimOf_Question_DropsTheLeadInAndQuestionMark(string question, string claim) =>
        Assert.Equal(claim, ClaimComposer.ClaimOf(question));

    [Fact]
    public async Task ComposeAsync_LeadInWithoutAClaim_SaysNotCovered()
    {
        var embedder = new KeywordEmbeddingGenerator("zorblax");
        var composer = new ClaimComposer(new CandidateScorer(embedder), new GroundingChecker(embedder, GroundingModel.LoadDefault()));
        PromptSource[] sources = [new(1, "Zorblax", "The Zorblax is a garden robot that hums while it mows the lawn.")];

        var answer = await composer.ComposeAsync(new PromptRequest("Is it true that?", sources) { Kind = PromptKind.CheckClaim }, CandidateExtractor.Extract(sources), CancellationToken.None);

        Assert.Equal(ExtractiveComposer.NotCoveredAnswer, answer);
        Assert.Empty(embedder.Batches);
    }
}
