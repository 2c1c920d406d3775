using Chatbot.AI.Extractive;
using Chatbot.Tools.Training.Ranking;

namespace Chatbot.Tools.Tests.Training.Ranking;

public sealed class SentenceRankerTrainerTests
{
    [Fact]
    public void FactsIn_MatchesAnyAlternativeIgnoringCase()
    {
        var example = new RankingExample("q", [], [["12 billion", "12B"], ["OpenAI"]]);

        Assert.Equal([0, 1], example.FactsIn("openai trained a 12b model"));
        Assert.Empty(example.FactsIn("nothing here"));
    }

    [Fact]
    public void Covers_AllFactsAmongTheTopSentences_IsTrue_OtherwiseFalse()
    {
        var example = Example("When was it released?", answerAt: 2, distractors: 4);

        Assert.True(SentenceRankerTrainer.Covers(example, s => s.Features[0], budget: 1));
        Assert.False(SentenceRankerTrainer.Covers(example, s => -s.Features[0], budget: 2));

        // An answer quotes at most two passages (here every sentence is its own): the answer in the second-best one is held.
        Assert.True(SentenceRankerTrainer.Covers(example, s => s.Source switch { 1 => 1, 3 => 0.5, _ => -3 }, budget: 3));
    }

    [Fact]
    public void UnreachableFacts_FactOnlyInASentenceThatCannotBeQuoted_IsListed()
    {
        double[] features = new double[SentenceRanker.FeatureNames.Count];
        var example = new RankingExample(
            "Who made it and when?",
            [new RankedSentence(1, 0, "OpenAI made it.", features, 0, Relevant: true), new RankedSentence(1, 1, "It came out in 2021.", features, 0, Relevant: false)],
            [["OpenAI"], ["2021", "twenty-one"]]);

        Assert.Equal(["2021/twenty-one"], example.UnreachableFacts);
        Assert.False(example.Reachable);
        Assert.True(Example("When?", answerAt: 0, distractors: 2).Reachable);
    }

    [Fact]
    public void CrossValidate_FeatureThatMarksTheAnswer_IsLearnedAndBeatsNothing()
    {
        var examples = Enumerable.Range(0, 20).Select(i => Example($"When was thing {i} released?", answerAt: i % 5, distractors: 5)).ToList();

        var evaluation = SentenceRankerTrainer.CrossValidate(examples, folds: 4, AnswerLength.Fixed(1));

        Assert.Equal(20, evaluation.Questions);
        Assert.Equal(1.0, evaluation.KeyFacts);
        Assert.Equal(1.0, evaluation.Reachable);
        Assert.Empty(evaluation.Missed);
        Assert.Equal(1.0, evaluation.MeanSentences);
    }

    [Fact]
    public void Covers_WithAnAnswerLength_QuotesAsManySentencesAsTheScoresAreConfidentOf()
    {
        // The answer is the third sentence of the passage: a fixed answer of one sentence misses it; an answer that quotes
        // every sentence the scores give at least even odds (three of them here) holds it, and one that needs certainty does not.
        var example = Example("When was it released?", answerAt: 2, distractors: 4, onePassage: true);
        static double Score(RankedSentence s) => (s.Index <= 2 ? 1 : -1) - (0.01 * s.Index);

        Assert.False(SentenceRankerTrainer.Covers(example, Score, AnswerLength.Fixed(1)));
        Assert.True(SentenceRankerTrainer.Covers(example, Score, new AnswerLength(1, 5, 0.5)));
        Assert.False(SentenceRankerTrainer.Covers(example, Score, new AnswerLength(1, 5, 0.99)));
    }

    /// <summary>
    /// A question whose answer sentence (at <paramref name="answerAt"/>) scores high on the dense feature
    /// and the others low; the overlap feature is noise.
    /// </summary>
    private static RankingExample Example(string question, int answerAt, int distractors, bool onePassage = false)
    {
        var sentences = new List<RankedSentence>();
        for (var i = 0; i <= distractors; i++)
        {
            var features = new double[SentenceRanker.FeatureNames.Count];
            features[0] = i == answerAt ? 0.8 : 0.2 + (0.05 * i);
            features[1] = (i * 37 % 11) / 11.0;
            sentences.Add(new RankedSentence(onePassage ? 1 : 1 + i, onePassage ? i : 0, i == answerAt ? "It was released in 2021." : $"Other sentence {i}.", features, 0, Relevant: true));
        }

        return new RankingExample(question, sentences, [["2021"]]);
    }
}
