using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Composing;
using Chatbot.AI.Prompting;
using Chatbot.Grounding;
using Chatbot.Grounding.Model;

namespace Chatbot.AI.Tests.Extractive.Composing;

public sealed class ClaimComposerTests
{
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
