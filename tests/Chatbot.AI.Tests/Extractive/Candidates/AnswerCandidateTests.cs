using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;

namespace Chatbot.AI.Tests.Extractive.Candidates;

public sealed class AnswerCandidateTests
{
    [Theory]
    [InlineData("zorblax")]
    [InlineData("Tromsø")]
    [InlineData("Gadgets")]
    public void Mentions_NameInTheSentenceThePreviousOneOrTheTitle_IsTrue(string entity) =>
        Assert.True(Candidate("The Zorblax hums quietly.", previous: "It was built in Tromsø.", title: "Gadgets").Mentions(entity));

    [Fact]
    public void Mentions_NameNowhere_IsFalse() =>
        Assert.False(Candidate("The Zorblax hums quietly.", previous: "It was built in Tromsø.", title: "Gadgets").Mentions("Quibble"));

    [Fact]
    public void RankingText_WithContextAndContinuation_PutsTheContextFirstAndTheListLast()
    {
        var candidate = Candidate("It has two parts.", context: "The Zorblax", continuation: ["First, a crank.", "Second, a bell."]);

        Assert.Equal("The Zorblax. It has two parts. First, a crank. Second, a bell.", candidate.RankingText);
    }

    [Fact]
    public void TitleWords_AreTheTitlesContentWords() =>
        Assert.Equal(ContentWords.Of("The Zorblax: Engines").Order(StringComparer.Ordinal), Candidate("The Zorblax hums.", title: "The Zorblax: Engines").TitleWords.Order(StringComparer.Ordinal));

    [Fact]
    public void Cited_SentenceAnnouncingAList_CitesEverySentence()
    {
        var candidate = new AnswerCandidate(3, 0, "It has two parts.", 4, [], null, ["First, a crank.", "Second, a bell."]);

        Assert.Equal("It has two parts. [3] First, a crank. [3] Second, a bell. [3]", candidate.Cited);
    }

    [Theory]
    [InlineData("The Zorblax hums.", 6)]
    [InlineData("The Zorblax hums loudly in the lab at night.", 0)]
    public void WordsShort_CountsTheWordsMissingToAFullSentence(string text, int expected) =>
        Assert.Equal(expected, Candidate(text).WordsShort);

    [Fact]
    public void WordsShort_SentenceAnnouncingAList_IsNotShort() =>
        Assert.Equal(0, Candidate("It has two parts.", continuation: ["First, a crank."]).WordsShort);

    [Fact]
    public void PrecedingIn_TakesTheOneOrTwoSentencesBeforeItInItsOwnPassage()
    {
        var candidates = new[] { (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (2, 4) }
            .Select(p => new AnswerCandidate(p.Item1, p.Item2, "The Zorblax hums.", 3, [], null, []))
            .ToList();

        var preceding = candidates[3].PrecedingIn(candidates);

        Assert.Equal([candidates[1], candidates[2]], preceding);
    }

    private static AnswerCandidate Candidate(string text, string previous = "", string title = "", string? context = null, string[]? continuation = null) =>
        new(1, 0, text, text.Split(' ').Length, ContentWords.Of(text), context, continuation ?? []) { Title = title, Previous = previous };
}
