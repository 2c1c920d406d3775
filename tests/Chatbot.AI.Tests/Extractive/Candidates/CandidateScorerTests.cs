using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;

namespace Chatbot.AI.Tests.Extractive.Candidates;

public sealed class CandidateScorerTests
{
    private readonly KeywordEmbeddingGenerator _embedder = new("zorblax", "quibble");

    [Fact]
    public async Task ScoreAsync_Relevance_WeighsSimilarityWordsAndPosition()
    {
        var zorblax = Candidate(1, 0, "The Zorblax hums loudly in the lab.");
        var quibble = Candidate(2, 3, "The Quibble rattles in the shed at night.");

        await new CandidateScorer(_embedder).ScoreAsync([zorblax, quibble], "Zorblax", default, CancellationToken.None);

        // Same keywords as the query: dense 1, overlap 1, prior 0.04 / 1 + 0.02 / 1.
        Assert.Equal(1.0, zorblax.Dense, 5);
        Assert.Equal(1.0, zorblax.Overlap);
        Assert.Equal(0.75 + 0.25 + 0.06, zorblax.Relevance, 5);

        // Half the query's direction, no shared word, prior 0.04 / 2 + 0.02 / 4.
        Assert.Equal(0.5, quibble.Dense, 5);
        Assert.Equal(0.0, quibble.Overlap);
        Assert.Equal((0.75 * 0.5) + 0.025, quibble.Relevance, 5);
    }

    [Fact]
    public async Task ScoreAsync_SecondQuery_EmbedsOnlyTheQuery()
    {
        var scorer = new CandidateScorer(_embedder);
        List<AnswerCandidate> candidates = [Candidate(1, 0, "The Zorblax hums loudly in the lab."), Candidate(1, 1, "The Quibble rattles in the shed at night.")];

        await scorer.ScoreAsync(candidates, "Zorblax", default, CancellationToken.None);
        await scorer.ScoreAsync(candidates, "Quibble", default, CancellationToken.None);

        Assert.Equal(3, _embedder.Batches[0].Count);
        Assert.Equal(["Quibble"], _embedder.Batches[1]);
        Assert.Equal(1.0, candidates[1].Dense, 5);
    }

    [Fact]
    public async Task ScoreAsync_SentenceOpeningWithAPronoun_IsEmbeddedAfterItsContext()
    {
        var candidate = new AnswerCandidate(1, 2, "It hums loudly in the lab.", 6, ContentWords.Of("Zorblax It hums loudly in the lab."), "The Zorblax", []);

        await new CandidateScorer(_embedder).ScoreAsync([candidate], "Zorblax", default, CancellationToken.None);

        Assert.Equal("The Zorblax. It hums loudly in the lab.", _embedder.Batches[0][1]);
        Assert.Equal(1.0, candidate.Dense, 5);
    }

    [Fact]
    public async Task ScoreAsync_QueryVectorAndStoredVectorsGiven_EmbedsNothing()
    {
        var zorblax = Candidate(1, 0, "The Zorblax hums loudly in the lab.");
        zorblax.Vector = [1f, 0f, 0f];
        var quibble = Candidate(1, 1, "The Quibble rattles in the shed at night.");
        quibble.Vector = [0f, 1f, 0f];

        await new CandidateScorer(_embedder).ScoreAsync([zorblax, quibble], "Zorblax", new float[] { 1f, 0f, 0f }, CancellationToken.None);

        Assert.Empty(_embedder.Batches);
        Assert.Equal(1.0, zorblax.Dense, 5);
        Assert.Equal(0.0, quibble.Dense, 5);
    }

    [Fact]
    public async Task ScoreAsync_QueryVectorGiven_EmbedsOnlyCandidatesWithoutOne()
    {
        var zorblax = Candidate(1, 0, "The Zorblax hums loudly in the lab.");
        var quibble = Candidate(1, 1, "The Quibble rattles in the shed at night.");
        quibble.Vector = [0f, 1f, 0f];

        await new CandidateScorer(_embedder).ScoreAsync([zorblax, quibble], "Zorblax", new float[] { 1f, 0f, 0f }, CancellationToken.None);

        Assert.Equal(["The Zorblax hums loudly in the lab."], Assert.Single(_embedder.Batches));
    }

    private static AnswerCandidate Candidate(int source, int index, string text) =>
        new(source, index, text, text.Split(' ').Length, ContentWords.Of(text), null, []);
}
