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
    public void Choose_FactQuestion_TakesTheBestScoredAdmissibleSentences()
    {
        var chosen = AnswerSelection.Choose(s_items, 3, explains: false, [], s_neverDuplicate);

        Assert.Equal([0, 4, 1], chosen);
    }

    [Fact]
    public void Choose_HowOrWhyQuestion_TakesTheRunOfTheExplainingPassageInReadingOrder()
    {
        var chosen = AnswerSelection.Choose(s_items, 3, explains: true, [], s_neverDuplicate);

        Assert.Equal([0, 1, 2], chosen);
    }

    [Fact]
    public void Choose_RunLongerThanThePassage_FillsTheRestByScore()
    {
        var chosen = AnswerSelection.Choose(s_items, 6, explains: true, [], s_neverDuplicate);

        Assert.Equal([0, 1, 2, 3, 4, 5], chosen);
    }

    [Fact]
    public void Choose_Seeds_ComeFirstAndReplaceTheRun()
    {
        var chosen = AnswerSelection.Choose(s_items, 3, explains: true, [6], s_neverDuplicate);

        Assert.Equal([6, 0, 4], chosen);
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
