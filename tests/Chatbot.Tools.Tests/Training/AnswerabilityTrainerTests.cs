using Chatbot.Tools.Training.Answerability;

namespace Chatbot.Tools.Tests.Training;

public sealed class AnswerabilityTrainerTests
{
    [Fact]
    public void CrossValidate_SeparableQuestions_RefusesTheUncoveredWithinTheFalseRefusalBudget()
    {
        var examples = Enumerable.Range(0, 100)
            .Select(i => new AnswerabilityExample($"q{i}", Features(i % 4 != 0, i), i % 4 != 0))
            .ToList();

        var evaluation = AnswerabilityTrainer.CrossValidate(examples, folds: 5, maxFalseRefusals: 0.05);

        Assert.True(evaluation.FalseRefusals <= 0.05, evaluation.ToString());
        Assert.True(evaluation.Refused >= 0.9, evaluation.ToString());
        Assert.Equal(75, evaluation.Answerable);
        Assert.Equal(25, evaluation.Uncovered);
    }

    [Fact]
    public void Choose_ThresholdRefusesOnlyTheAllowedShareOfAnswerableQuestions()
    {
        var examples = Enumerable.Range(0, 10).Select(i => new AnswerabilityExample($"q{i}", new double[6], i < 8)).ToList();
        double[] probabilities = [0.1, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.2, 0.05];

        var evaluation = AnswerabilityTrainer.Choose(examples, probabilities, maxFalseRefusals: 0.125);

        Assert.Equal(0.5, evaluation.Threshold);
        Assert.Equal(0.125, evaluation.FalseRefusals);
        Assert.Equal(1, evaluation.Refused);
    }

    [Fact]
    public void Fit_WithoutUncoveredQuestions_Throws()
    {
        var examples = Enumerable.Range(0, 5).Select(i => new AnswerabilityExample($"q{i}", new double[6], true)).ToList();

        Assert.Throws<ArgumentException>(() => AnswerabilityTrainer.Fit(examples, 0.5));
    }

    private static double[] Features(bool answerable, int seed)
    {
        var noise = (seed * 37 % 11) / 22.0;
        return answerable ? [2 + noise, 0.7, 0.6, 0.9, 0, 3] : [-2 - noise, 0.3, 0.2, 0.4 + (noise / 4), 3, 0];
    }
}
