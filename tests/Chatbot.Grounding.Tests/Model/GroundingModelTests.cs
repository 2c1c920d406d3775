using Chatbot.Grounding.Model;

namespace Chatbot.Grounding.Tests.Model;

public sealed class GroundingModelTests
{
    [Fact]
    public void LoadDefault_LoadsTheEmbeddedModel()
    {
        var model = GroundingModel.LoadDefault();
        Assert.NotEmpty(model.Features);
        Assert.All(model.Features, f => Assert.Contains(f, GroundingModel.AvailableFeatures));
        Assert.InRange(model.Threshold, 0.01, 0.99);
        Assert.False(string.IsNullOrWhiteSpace(model.Provenance));
    }

    [Fact]
    public void ToJson_FromJson_RoundTrips()
    {
        var lexical = new GroundingModel(["lex_global"], [0.5], [0.2], [-2], 0.1, 0.3);
        var model = new GroundingModel(["lex_global", "dense_max"], [0.5, 0.6], [0.2, 0.1], [-1.5, -0.5], -0.2, 0.4)
        {
            DenseCandidates = 2,
            LexicalStage = lexical,
            DenseClaimBudget = 3,
            DenseDoubtBand = 1.25,
            Provenance = "test",
        };
        var copy = GroundingModel.FromJson(model.ToJson());
        Assert.Equal(1.25, copy.DenseDoubtBand);
        Assert.Equal(double.PositiveInfinity, GroundingModel.FromJson(new GroundingModel(["lex_global"], [0.5], [0.2], [-2], 0.1, 0.3).ToJson()).DenseDoubtBand);
        Assert.Equal(model.Features, copy.Features);
        Assert.Equal(model.Weights, copy.Weights);
        Assert.Equal(model.Threshold, copy.Threshold);
        Assert.Equal(2, copy.DenseCandidates);
        Assert.Equal(3, copy.DenseClaimBudget);
        Assert.NotNull(copy.LexicalStage);
        Assert.Equal(0.3, copy.LexicalStage.Threshold);
        var features = new double[GroundingModel.AvailableFeatures.Count];
        Assert.Equal(model.PredictHallucination(features), copy.PredictHallucination(features), 12);
    }

    [Fact]
    public void PredictHallucination_HigherCoverage_LowerProbability()
    {
        var model = new GroundingModel(["lex_global"], [0.5], [0.2], [-2], 0, 0.5);
        var low = new double[GroundingModel.AvailableFeatures.Count];
        var high = new double[GroundingModel.AvailableFeatures.Count];
        high[GroundingModel.AvailableFeatures.ToList().IndexOf("lex_global")] = 1;
        Assert.True(model.PredictHallucination(high) < model.PredictHallucination(low));
    }

    [Fact]
    public void Constructor_UnknownFeature_Throws()
        => Assert.Throws<ArgumentException>(() => new GroundingModel(["no_such_feature"], [0], [1], [1], 0, 0.5));

    [Fact]
    public void Constructor_MismatchedArrays_Throw()
        => Assert.Throws<ArgumentException>(() => new GroundingModel(["lex_global"], [0, 1], [1], [1], 0, 0.5));

    [Fact]
    public void Constructor_ThresholdOutOfRange_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new GroundingModel(["lex_global"], [0], [1], [1], 0, 1.5));
}
