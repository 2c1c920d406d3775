using Chatbot.Tools.Training.Curated;

namespace Chatbot.Tools.Tests.Training;

public sealed class CuratedMatchTrainerTests
{
    [Fact]
    public void CrossValidate_EntriesThatLeadTheirRivals_AreGivenAndTheRestNot()
    {
        // 20 entries with 4 paraphrases each; every message weighs 3 entries: the asked one leads the others.
        // 20 messages no entry answers weigh 3 entries none of which leads.
        var examples = new List<CuratedExample>();
        for (var entry = 0; entry < 20; entry++)
        {
            for (var p = 0; p < 4; p++)
            {
                var noise = ((entry * 7) + (p * 3)) % 5 / 50.0;
                examples.Add(new CuratedExample($"e{entry} p{p}", [($"entry {entry}", Features(0.7 + noise, 0.25)), ($"entry {entry + 1}", Features(0.45, -0.25)), ($"entry {entry + 2}", Features(0.4, -0.3))], $"entry {entry}"));
            }
        }

        for (var n = 0; n < 20; n++)
        {
            var noise = n % 5 / 50.0;
            examples.Add(new CuratedExample($"none {n}", [($"entry {n}", Features(0.45 + noise, 0.02)), ($"entry {n + 1}", Features(0.44, -0.02))], null));
        }

        var (evaluation, probabilities) = CuratedMatchTrainer.CrossValidate(examples, folds: 5, maxWrong: 0.03);

        Assert.True(evaluation.Right >= 0.95, evaluation.ToString());
        Assert.True(evaluation.Wrong <= 0.03, evaluation.ToString());
        Assert.Equal(1, evaluation.Reachable);
        Assert.Equal(examples.Count, probabilities.Count);
    }

    [Fact]
    public void Choose_ThresholdKeepsWrongAnswersWithinTheBudget()
    {
        var features = new double[6];
        CuratedExample[] examples =
        [
            new("a", [("A", features), ("B", features)], "A"),
            new("b", [("B", features), ("A", features)], "B"),
            new("c", [("A", features), ("B", features)], "B"),
            new("d", [("A", features)], null),
        ];
        double[][] probabilities = [[0.9, 0.1], [0.8, 0.3], [0.7, 0.2], [0.6]];

        var evaluation = CuratedMatchTrainer.Choose(examples, probabilities, maxWrong: 0);

        Assert.Equal(0.71, evaluation.Threshold, 3);
        Assert.Equal(2 / 3.0, evaluation.Right, 3);
        Assert.Equal(0, evaluation.Wrong);
    }

    [Fact]
    public void Fit_WithoutTheAskedEntryAmongTheCandidates_Throws()
    {
        var examples = Enumerable.Range(0, 5).Select(i => new CuratedExample($"q{i}", [("other", new double[6])], "asked")).ToList();

        Assert.Throws<ArgumentException>(() => CuratedMatchTrainer.Fit(examples, 0.5, 0.3));
    }

    private static double[] Features(double similarity, double lead) => [similarity, similarity - 0.1, lead, lead, similarity, lead > 0 ? 1 : 0.2];
}
