using Chatbot.Grounding.Model;

namespace Chatbot.Grounding.Tests.Model;

public sealed class ResponseGateTests
{
    private static readonly int Count = ResponseGate.FeatureNames.Count;

    private static IReadOnlyList<double> Claim(double lexGlobal = 1, double novel = 0, double numberMissing = 0)
    {
        var values = new double[GroundingModel.AvailableFeatures.Count];
        var names = GroundingModel.AvailableFeatures.ToList();
        values[names.IndexOf("lex_global")] = lexGlobal;
        values[names.IndexOf("novel_words")] = novel;
        values[names.IndexOf("number_missing")] = numberMissing;
        return values;
    }

    private static ResponseGate OnMax(double weight = 1, double bias = 0, double threshold = 0.5)
    {
        var weights = new double[Count];
        weights[0] = weight;
        return new ResponseGate(new double[Count], Enumerable.Repeat(1.0, Count).ToArray(), weights, bias, threshold);
    }

    [Fact]
    public void Describe_ReadsTheWorstClaimsAndTheAnswersCoverage()
    {
        var features = ResponseGate.Describe([-2, 1.5, 0.5], [Claim(0.9), Claim(0.4, novel: 2), Claim(0.7, numberMissing: 1)]);

        Assert.Equal(1.5, features[0]);
        Assert.Equal(0.5, features[1]);
        Assert.Equal(0.0, features[2], 12);
        Assert.Equal(2.0 / 3, features[3], 12);
        Assert.Equal(Math.Log(4), features[4], 12);
        Assert.Equal(0.4, features[5]);
        Assert.Equal(2.0 / 3, features[6], 12);
        Assert.Equal(1.0, features[7]);
    }

    [Fact]
    public void Describe_OneClaim_HasNoSecondAndExtremeLogitsAreBounded()
    {
        var features = ResponseGate.Describe([40], [Claim()]);

        Assert.Equal(6, features[0]);
        Assert.Equal(-6, features[1]);
    }

    [Fact]
    public void Describe_NoClaims_IsTheLowestRisk()
    {
        var features = ResponseGate.Describe([], []);

        Assert.Equal(-6, features[0]);
        Assert.Equal(0, features[4]);
        Assert.Equal(1, features[5]);
    }

    [Fact]
    public void Describe_MismatchedInputs_Throw()
        => Assert.Throws<ArgumentException>(() => ResponseGate.Describe([1, 2], [Claim()]));

    [Fact]
    public void Predict_AWorseClaim_RaisesTheAnswersProbability()
    {
        var gate = OnMax();

        Assert.True(gate.Predict(ResponseGate.Describe([2], [Claim()])) > gate.Predict(ResponseGate.Describe([-2], [Claim()])));
    }

    [Fact]
    public void Constructor_WrongLengthsOrThreshold_Throw()
    {
        Assert.Throws<ArgumentException>(() => new ResponseGate([0], [1], [1], 0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnMax(threshold: 1));
        Assert.Throws<ArgumentException>(() => new ResponseGate(new double[Count], new double[Count], new double[Count], 0, 0.5));
    }

    [Fact]
    public void GroundingModel_ToJsonFromJson_KeepsTheGate()
    {
        var model = new GroundingModel(["lex_global"], [0.5], [0.2], [-2], 0.1, 0.3) { Gate = OnMax(2, -1, 0.4), NumberConflictsOverride = true, ConflictsOverride = false };

        var copy = GroundingModel.FromJson(model.ToJson());

        Assert.NotNull(copy.Gate);
        Assert.Equal(model.Gate!.Weights, copy.Gate.Weights);
        Assert.Equal(-1, copy.Gate.Bias);
        Assert.Equal(0.4, copy.Gate.Threshold);
        Assert.True(copy.NumberConflictsOverride);
        Assert.False(copy.ConflictsOverride);
        Assert.Null(GroundingModel.FromJson(new GroundingModel(["lex_global"], [0.5], [0.2], [-2], 0.1, 0.3).ToJson()).Gate);
    }

    [Fact]
    public void GroundingModel_FromJson_GateOnUnknownFeatures_SaysWhich()
    {
        var json = new GroundingModel(["lex_global"], [0.5], [0.2], [-2], 0.1, 0.3) { Gate = OnMax() }.ToJson().Replace("\"claim_max\"", "\"claim_magic\"", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => GroundingModel.FromJson(json));
        Assert.Contains("claim_magic", error.Message, StringComparison.Ordinal);
    }
}
