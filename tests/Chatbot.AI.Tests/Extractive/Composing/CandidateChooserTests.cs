using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Composing;
using Chatbot.AI.Prompting;

namespace Chatbot.AI.Tests.Extractive.Composing;

public sealed class CandidateChooserTests
{
    [Fact]
    public void ByRelevance_StopsAtTheFirstSentenceBelowTheMinimum()
    {
        var candidates = Distinct(0.6, 0.31, 0.29);

        var chosen = CandidateChooser.ByRelevance(candidates, 5, AnswerStyle.Standard);

        Assert.Equal(candidates.Take(2), chosen);
    }

    [Fact]
    public void ByRelevance_SentenceThatRepeatsAChosenOne_IsSkipped()
    {
        var candidates = Distinct(0.6, 0.5, 0.4);
        candidates[1].Vector = candidates[0].Vector;

        var chosen = CandidateChooser.ByRelevance(candidates, 2, AnswerStyle.Standard);

        Assert.Equal([candidates[0], candidates[2]], chosen);
    }

    [Fact]
    public void ByRelevance_SentenceQuotedInAnothersList_IsSkipped()
    {
        var announcing = Candidate("The Zorblax start-up has two steps.", continuation: ["First, the crank is turned."], relevance: 0.6, axis: 0);
        var step = Candidate("First, the crank is turned.", relevance: 0.5, axis: 1);
        var other = Candidate("The Zorblax hums when the crank is turned.", relevance: 0.4, axis: 2);

        var chosen = CandidateChooser.ByRelevance([announcing, step, other], 2, AnswerStyle.Standard);

        Assert.Equal([announcing, other], chosen);
    }

    [Theory]
    [InlineData(AnswerStyle.Beginner, 1)]
    [InlineData(AnswerStyle.Standard, 0)]
    [InlineData(AnswerStyle.Expert, 0)]
    public void ByRelevance_TwoEquallyRelevant_OnlyABeginnerPrefersTheShorter(AnswerStyle style, int expected)
    {
        var candidates = new[] { Candidate(Words(35), relevance: 0.5, axis: 0), Candidate(Words(12), relevance: 0.5, axis: 1) };

        var chosen = CandidateChooser.ByRelevance(candidates, 1, style);

        Assert.Same(candidates[expected], Assert.Single(chosen));
    }

    [Fact]
    public void ByRelevance_VeryShortSentence_LosesToASlightlyLessRelevantFullOne()
    {
        var candidates = new[] { Candidate("The Zorblax hums a lot.", relevance: 0.52, axis: 0), Candidate(Words(12), relevance: 0.5, axis: 1) };

        var chosen = CandidateChooser.ByRelevance(candidates, 1, AnswerStyle.Expert);

        Assert.Same(candidates[1], Assert.Single(chosen));
    }

    [Theory]
    [InlineData(AnswerStyle.Beginner, 1)]
    [InlineData(AnswerStyle.Standard, 0)]
    public void ByRank_TwoCloseRanks_OnlyABeginnerPrefersTheShorter(AnswerStyle style, int expected)
    {
        List<AnswerCandidate> candidates = [Candidate(Words(40), rank: 1.0, axis: 0), Candidate(Words(12), rank: 0.9, axis: 1)];

        var chosen = CandidateChooser.ByRank(candidates, 1, style, []);

        Assert.Same(candidates[expected], Assert.Single(chosen));
    }

    [Fact]
    public void ByRank_Seeds_LeadAndAreNotRepeated()
    {
        var candidates = Distinct(0.5, 0.5, 0.5);
        candidates[0].Rank = 2;
        candidates[1].Rank = 1;
        candidates[2].Rank = -1;

        var chosen = CandidateChooser.ByRank(candidates, 2, AnswerStyle.Standard, [candidates[2]]);

        // The seed's paragraph comes first (with the likely sentence just before it), and the best-ranked one follows.
        Assert.Equal([candidates[1], candidates[2], candidates[0]], chosen);
    }

    [Fact]
    public void ByRank_InadmissibleSentence_IsNotChosen()
    {
        var candidates = Distinct(0.5, 0.5);
        candidates[0].Rank = 2;
        candidates[0].Admissible = false;

        var chosen = CandidateChooser.ByRank(candidates, 2, AnswerStyle.Standard, []);

        Assert.Equal([candidates[1]], chosen);
    }

    /// <summary>Full sentences with the given relevances, none repeating another.</summary>
    private static List<AnswerCandidate> Distinct(params double[] relevances) =>
        relevances.Select((r, i) => Candidate($"The Zorblax number {i} hums loudly in the lab.", relevance: r, axis: i)).ToList();

    private static string Words(int count) => "The Zorblax " + string.Join(' ', Enumerable.Repeat("hums", count - 2)) + ".";

    private static AnswerCandidate Candidate(string text, double relevance = 0.5, double rank = 0, int axis = 0, string[]? continuation = null)
    {
        var vector = new float[8];
        vector[axis] = 1;
        return new AnswerCandidate(1, axis, text, text.Split(' ').Length, ContentWords.Of(text), null, continuation ?? [])
        {
            Vector = vector,
            Relevance = relevance,
            Rank = rank,
            Admissible = true,
        };
    }
}
