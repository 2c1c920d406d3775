using Chatbot.AI.Extractive;

namespace Chatbot.AI.Tests.Extractive;

public sealed class AnswerabilityModelTests
{
    [Fact]
    public void Measure_CountsTheQuestionsWordsNoSourceHolds()
    {
        HashSet<string> question = ["zorblat", "price", "month"];
        var features = AnswerabilityModel.Measure(question, [(1.5, 0.6, 0.33, ["price", "engine"]), (-2.0, 0.2, 0.0, ["month"])]);

        Assert.Equal(1.5, features[0]);
        Assert.Equal(0.6, features[1]);
        Assert.Equal(0.33, features[2]);
        Assert.Equal(2 / 3.0, features[3], 6);
        Assert.Equal(1, features[4]);
        Assert.Equal(1, features[5]);
    }

    [Fact]
    public void Measure_NoSentences_LooksUnanswerable()
    {
        var features = AnswerabilityModel.Measure(["quenner"], []);

        Assert.Equal(0, features[3]);
        Assert.Equal(1, features[4]);
    }

    [Fact]
    public void LoadDefault_RoundTripsThroughJson_AndAnswersAStrongMatchButNotAMiss()
    {
        var model = AnswerabilityModel.LoadDefault();
        var again = AnswerabilityModel.FromJson(model.ToJson());

        double[] strong = [4, 0.8, 0.8, 1, 0, 4];
        double[] miss = [-4, 0.2, 0.1, 0.2, 4, 0];
        Assert.Equal(model.Probability(strong), again.Probability(strong), 9);
        Assert.True(model.Answers(strong));
        Assert.False(model.Answers(miss));
        Assert.Contains("train answerability", model.Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_PilotQuestion_IsJudgedByThePilotThreshold()
    {
        var names = AnswerabilityModel.FeatureNames;
        var model = new AnswerabilityModel(names, new double[names.Count], [.. names.Select(_ => 1.0)], [1, 0, 0, 0, 0, 0], 0, threshold: 0.5, pilotThreshold: 0.2);
        double[] middling = [-1, 0, 0, 0, 0, 0]; // probability 0.27

        Assert.False(model.Answers(middling));
        Assert.True(model.Answers(middling, pilot: true));
        Assert.Equal(0.2, AnswerabilityModel.FromJson(model.ToJson()).PilotThreshold);
        Assert.Equal(0.5, new AnswerabilityModel(names, new double[names.Count], [.. names.Select(_ => 1.0)], new double[names.Count], 0, 0.5).PilotThreshold);
    }

    [Fact]
    public void Constructor_OtherFeatures_AsksToRetrain()
    {
        var error = Assert.Throws<ArgumentException>(() => new AnswerabilityModel(["bestRank"], [0], [1], [1], 0, 0.5));

        Assert.Contains("train answerability", error.Message, StringComparison.Ordinal);
    }
}
