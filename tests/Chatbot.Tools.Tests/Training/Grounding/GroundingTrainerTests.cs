using Chatbot.Grounding;
using Chatbot.Grounding.Model;
using Chatbot.Grounding.Tests.Doubles;
using Chatbot.Tools.Evaluation.Grounding;
using Chatbot.Tools.Training.Grounding;

namespace Chatbot.Tools.Tests.Training.Grounding;

public sealed class GroundingTrainerTests
{
    private static RagTruthRecord Record(int i, bool hallucinated)
    {
        var passages = $"passage 1:Product {i} ships with a battery that lasts ten hours. It weighs two kilograms.\n\n";
        var supported = "The battery lasts ten hours.";
        var invented = "It was designed by a famous Italian sculptor in Milan.";
        var response = hallucinated ? $"{supported} {invented}" : supported;
        var spans = hallucinated ? new[] { new RagTruthSpan(response.IndexOf(invented, StringComparison.Ordinal), response.Length, "Evident Baseless Info") } : [];
        return new RagTruthRecord($"{i}:{hallucinated}", $"question {i}", passages, response, hallucinated, spans, "test");
    }

    [Fact]
    public async Task TrainAsync_SeparableData_LearnsAModelThatFlagsTheInventedSentence()
    {
        var records = Enumerable.Range(0, 8).SelectMany(i => new[] { Record(i, false), Record(i, true) }).ToList();
        var options = new GroundingTrainingOptions { Folds = 2, HandmadeWeight = 0, DenseClaimBudget = 1 };
        var result = await new GroundingTrainer(new HashingEmbedder()).TrainAsync(records, options);

        Assert.Equal(16, result.Records);
        Assert.Equal(8, result.Questions);
        Assert.Contains(result.Scores, s => s.Name == "all");
        Assert.NotNull(result.Model.LexicalStage);
        var all = result.Scores.Single(s => s.Name == "all");
        Assert.True(all.Responses.F1 > 0.9);
        Assert.Equal(["test"], all.ByModel.Keys);
        Assert.Equal(2, all.Thresholds.Count);
        Assert.InRange(all.ThresholdSpread, 0, 0.5);
        Assert.Contains("test", result.ToReport(), StringComparison.Ordinal);

        var checker = new GroundingChecker(new HashingEmbedder(), GroundingModel.FromJson(result.Model.ToJson()));
        var report = await checker.CheckAsync(Record(99, true).Response, Record(99, true).Sources());
        Assert.Equal([false, true], report.Sentences.Select(s => s.Flagged));
    }

    [Fact]
    public async Task TrainAsync_ResponseGate_ShipsAGateThatClearsTheCorrectAnswerAndFlagsTheInventedSentence()
    {
        var records = Enumerable.Range(0, 8).SelectMany(i => new[] { Record(i, false), Record(i, true) }).ToList();
        var options = new GroundingTrainingOptions { Folds = 2, HandmadeWeight = 0, DenseClaimBudget = 1, ResponseGate = true, ConflictsOverride = false };

        var result = await new GroundingTrainer(new HashingEmbedder()).TrainAsync(records, options);

        Assert.NotNull(result.Model.Gate);
        Assert.Contains("answer-level gate", result.Model.Provenance, StringComparison.Ordinal);
        Assert.True(result.Scores.Single(s => s.Name == "all").Responses.F1 > 0.9);
        var checker = new GroundingChecker(new HashingEmbedder(), GroundingModel.FromJson(result.Model.ToJson()));
        var flagged = await checker.CheckAsync(Record(99, true).Response, Record(99, true).Sources());
        var clean = await checker.CheckAsync(Record(98, false).Response, Record(98, false).Sources());
        Assert.Equal([false, true], flagged.Sentences.Select(s => s.Flagged));
        Assert.False(clean.Flagged);
    }

    [Fact]
    public async Task TrainAsync_GroupsBySourceId_NotByQuestionText()
    {
        // Two answers per source, each with its own wording of the question: 8 groups, not 16.
        var records = Enumerable.Range(0, 8)
            .SelectMany(i => new[] { Record(i, false) with { Question = $"first wording {i}" }, Record(i, true) with { Question = $"second wording {i}" } })
            .Select(r => r with { SourceId = r.Id.Split(':')[0] })
            .ToList();
        var options = new GroundingTrainingOptions { Folds = 2, HandmadeWeight = 0, DenseClaimBudget = 1 };
        options.FeatureSets["lexical+facts"] = GroundingTrainer.StandardFeatureSets["lexical+facts"];
        options.FeatureSets["all"] = GroundingTrainer.StandardFeatureSets["all"];

        var result = await new GroundingTrainer(new HashingEmbedder()).TrainAsync(records, options);

        Assert.Equal(8, result.Questions);
    }

    [Fact]
    public async Task TrainAsync_ExtraRecords_JoinTrainingButAreNeverScored()
    {
        var records = Enumerable.Range(0, 8).SelectMany(i => new[] { Record(i, false), Record(i, true) }).ToList();
        var extra = Enumerable.Range(100, 6).Select(i => Record(i, true) with { Task = "Summary" }).ToList();
        var options = new GroundingTrainingOptions { Folds = 2, HandmadeWeight = 0, DenseClaimBudget = 1 };
        options.FeatureSets["lexical+facts"] = GroundingTrainer.StandardFeatureSets["lexical+facts"];
        options.FeatureSets["all"] = GroundingTrainer.StandardFeatureSets["all"];

        var result = await new GroundingTrainer(new HashingEmbedder()).TrainAsync(records, extra, options);

        Assert.Equal(16, result.Records);
        var all = result.Scores.Single(s => s.Name == "all");
        Assert.Equal(16, all.Responses.TruePositives + all.Responses.FalsePositives + all.Responses.FalseNegatives + all.Responses.TrueNegatives);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Options_InvalidMinPrecision_Throws(double value)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new GroundingTrainingOptions { MinPrecision = value });

    [Fact]
    public void Options_InvalidFolds_Throw()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new GroundingTrainingOptions { Folds = 1 });
}
