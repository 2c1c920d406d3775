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

    private static AnswerCandidate Candidate(string text, string previous = "", string title = "", string? context = null, string[]? continuation = null) =>
        new(1, 0, text, text.Split(' ').Length, ContentWords.Of(text), context, continuation ?? []) { Title = title, Previous = previous };
}
