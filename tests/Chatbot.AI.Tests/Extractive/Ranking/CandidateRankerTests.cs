using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Ranking;

namespace Chatbot.AI.Tests.Extractive.Ranking;

public sealed class CandidateRankerTests
{
    [Fact]
    public void Rank_ScoresEachCandidateFromWhatWasMeasuredOfIt()
    {
        var ranker = SentenceRanker.LoadDefault();
        List<AnswerCandidate> candidates =
        [
            Candidate("The Zorblax was built in 2031 by the garden council.", index: 0, relevance: 0.6, dense: 0.7),
            Candidate("The Zorblax hums loudly in the garden lab all day.", index: 1, relevance: 0.4, dense: 0.4),
        ];

        var features = new CandidateRanker(ranker).Rank(candidates, "When was the Zorblax built?");

        Assert.Equal(candidates.Count, features.Count);
        Assert.Equal(ranker.Score(features[0].ToArray()), candidates[0].Rank);
        Assert.Equal(ranker.Score(features[1].ToArray()), candidates[1].Rank);
        Assert.Equal(0.7, features[0].Dense);
        Assert.True(candidates[0].TypedAboutSubject);
        Assert.False(candidates[1].TypedAboutSubject);
    }

    [Theory]
    [InlineData(0.30, 0.0, true)]
    [InlineData(0.29, 0.0, false)]
    [InlineData(0.15, 0.30, true)]
    [InlineData(0.15, 0.29, false)]
    [InlineData(0.14, 0.30, false)]
    public void Rank_Admissible_RelevantOrHalfAsRelevantRightAfterARelevantSentence(double relevance, double previousRelevance, bool admissible)
    {
        List<AnswerCandidate> candidates =
        [
            Candidate("The Zorblax hums loudly in the garden lab.", index: 0, relevance: previousRelevance),
            Candidate("A wax capsule inside it swells as the lab warms.", index: 2, relevance: relevance),
        ];

        new CandidateRanker(SentenceRanker.LoadDefault()).Rank(candidates, "How does the Zorblax hum?");

        Assert.Equal(admissible, candidates[1].Admissible);
    }

    [Fact]
    public void Rank_RelevantSentenceThreeBefore_DoesNotCarryTheNextOne()
    {
        List<AnswerCandidate> candidates =
        [
            Candidate("The Zorblax hums loudly in the garden lab.", index: 0, relevance: 0.5),
            Candidate("A wax capsule inside it swells as the lab warms.", index: 3, relevance: 0.2),
        ];

        new CandidateRanker(SentenceRanker.LoadDefault()).Rank(candidates, "How does the Zorblax hum?");

        Assert.False(candidates[1].Admissible);
    }

    private static AnswerCandidate Candidate(string text, int index, double relevance, double dense = 0.5) =>
        new(1, index, text, text.Split(' ').Length, ContentWords.Of(text), null, [])
        {
            Relevance = relevance,
            Dense = dense,
        };
}
