using Chatbot.AI.Extractive;

namespace Chatbot.AI.Tests.Extractive;

public sealed class AnswerSelectionTests
{
    private static readonly Func<int, int, bool> s_neverDuplicate = (_, _) => false;

    // Passage 1 explains in four sentences, only the first of which resembles the question;
    // passage 2 holds one sentence that scores better than passage 1's later ones, and two weak ones.
    private static readonly AnswerSelection.Item[] s_items =
    [
        new(1, 0, 1.0, true),
        new(1, 1, -0.5, true),
        new(1, 2, -0.8, true),
        new(1, 3, -0.9, false),
        new(2, 0, 0.5, true),
        new(2, 5, -2.0, true),
        new(2, 9, -2.5, true),
    ];

    [Fact]
    public void Choose_FactQuestion_QuotesTheBestPassageInOrder_ThenAConfidentSentenceOfAnother()
    {
        var chosen = AnswerSelection.Choose(s_items, 3, explains: false, [], s_neverDuplicate);

        Assert.Equal([0, 1, 4], chosen);
    }

    [Fact]
    public void Choose_HowOrWhyQuestion_TakesTheRunOfTheExplainingPassageInReadingOrder()
    {
        var chosen = AnswerSelection.Choose(s_items, 3, explains: true, [], s_neverDuplicate);

        Assert.Equal([0, 1, 2], chosen);
    }

    [Fact]
    public void Choose_RunShorterThanTheBudget_AddsOnlyAConfidentSentenceOfAnotherPassage()
    {
        var chosen = AnswerSelection.Choose(s_items, 6, explains: true, [], s_neverDuplicate);

        // Passage 2's weak sentences (5 and 6) are not quoted to fill the budget.
        Assert.Equal([0, 1, 2, 3, 4], chosen);
    }

    [Fact]
    public void Choose_Seeds_LeadAndAnotherPassageCompletesTheAnswer()
    {
        var chosen = AnswerSelection.Choose(s_items, 3, explains: true, [6], s_neverDuplicate);

        Assert.Equal([6, 0, 1], chosen);
    }

    [Fact]
    public void Choose_SentenceThatRefersBack_IsQuotedAfterTheOneItRefersTo()
    {
        AnswerSelection.Item[] items = [new(1, 0, -1.0, true), new(1, 1, 2.0, true, LeansOnPrevious: true), new(1, 2, -3.0, true)];

        Assert.Equal([0, 1], AnswerSelection.Choose(items, 3, explains: false, [], s_neverDuplicate));
    }

    [Fact]
    public void Choose_OpeningOfTheArticleAsked_LeadsAndIsQuotedWhole_WhenItAnswersNearlyAsWell()
    {
        AnswerSelection.Item[] items = [new(1, 0, 0.0, true), new(1, 1, -0.5, true), new(2, 0, 1.0, true)];

        // The opening alone when it fills the level's sentences; a level that asks for more gets only what it asks for.
        Assert.Equal([0, 1], AnswerSelection.Choose(items, 2, explains: false, [], s_neverDuplicate, leadPassage: 1));
        Assert.Equal([0, 1, 2], AnswerSelection.Choose(items, 3, explains: false, [], s_neverDuplicate, leadPassage: 1));
        Assert.Equal([2, 0, 1], AnswerSelection.Choose(items, 3, explains: false, [], s_neverDuplicate));
        Assert.Equal([2, 0, 1], AnswerSelection.Choose(items, 3, explains: false, [], s_neverDuplicate, leadPassage: 1, leadMargin: 0.5));
    }

    [Fact]
    public void Choose_SentenceThatRepeatsAChosenOne_IsSkipped()
    {
        var chosen = AnswerSelection.Choose(s_items, 2, explains: false, [], (a, b) => (a, b) is (0, 4) or (4, 0));

        Assert.Equal([0, 1], chosen);
    }

    [Fact]
    public void Choose_NothingAdmissible_ChoosesNothing()
    {
        AnswerSelection.Item[] items = [new(1, 0, 2.0, false), new(2, 0, 1.0, false)];

        Assert.Empty(AnswerSelection.Choose(items, 4, explains: true, [], s_neverDuplicate));
        Assert.Empty(AnswerSelection.Choose(items, 4, explains: false, [], s_neverDuplicate));
    }
}
