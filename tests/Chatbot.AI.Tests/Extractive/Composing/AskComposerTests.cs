using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Composing;

namespace Chatbot.AI.Tests.Extractive.Composing;

public sealed class AskComposerTests
{
    [Fact]
    public void TypedAnswer_WithinTheMarginOfTheBest_IsChosenToLead()
    {
        var candidates = Candidates((2.0, false), (1.0, true), (0.8, true));

        var typed = AskComposer.TypedAnswer(candidates, [], out var best);

        Assert.Same(candidates[1], typed);
        Assert.Same(candidates[0], best);
    }

    [Fact]
    public void TypedAnswer_MoreThanTheMarginBelowTheBest_IsNotChosen()
    {
        var candidates = Candidates((2.0, false), (0.4, true));

        var typed = AskComposer.TypedAnswer(candidates, [], out var best);

        Assert.Null(typed);
        Assert.Same(candidates[0], best);
    }

    [Fact]
    public void TypedAnswer_AfterSeeds_SkipsThemAndMeasuresFromTheBestAfterThem()
    {
        var candidates = Candidates((3.0, true), (1.0, false), (-0.4, true));

        var typed = AskComposer.TypedAnswer(candidates, [candidates[0]], out var best);

        Assert.Same(candidates[2], typed);
        Assert.Same(candidates[1], best);
    }

    [Fact]
    public void TypedAnswer_InadmissibleSentence_IsNotChosen()
    {
        var candidates = Candidates((2.0, false), (1.5, true));
        candidates[1].Admissible = false;

        Assert.Null(AskComposer.TypedAnswer(candidates, [], out _));
    }

    [Fact]
    public void TypedAnswer_NothingAdmissible_HasNoBest()
    {
        var candidates = Candidates((2.0, true));
        candidates[0].Admissible = false;

        Assert.Null(AskComposer.TypedAnswer(candidates, [], out var best));
        Assert.Null(best);
    }

    /// <summary>Admissible full sentences with the given ranks, each typed or not, none repeating another.</summary>
    private static List<AnswerCandidate> Candidates(params (double Rank, bool Typed)[] sentences) =>
        sentences.Select((s, i) =>
        {
            var text = $"The Zorblax number {i} hums loudly in the lab.";
            var vector = new float[8];
            vector[i] = 1;
            return new AnswerCandidate(1, i, text, 9, ContentWords.Of(text), null, [])
            {
                Vector = vector,
                Rank = s.Rank,
                TypedAboutSubject = s.Typed,
                Admissible = true,
            };
        }).ToList();
}
