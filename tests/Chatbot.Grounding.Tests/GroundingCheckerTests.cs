using Chatbot.Grounding.Model;
using Chatbot.Grounding.Tests.Doubles;
using Microsoft.Extensions.AI;

namespace Chatbot.Grounding.Tests;

public sealed class GroundingCheckerTests(MiniLmFixture miniLm) : IClassFixture<MiniLmFixture>
{
    private static readonly GroundingSource Transformers = new(1,
        "The transformer architecture was introduced in 2017 by researchers at Google in the paper Attention Is All You Need. " +
        "It relies on self-attention, which lets every token attend to all other tokens in the sequence. " +
        "Transformers process all tokens in parallel rather than one at a time.");

    private static readonly GroundingSource Rnns = new(2,
        "A recurrent neural network keeps a hidden state that carries information from one step to the next. " +
        "Training RNNs on long sequences is hard because gradients vanish.");

    private readonly GroundingChecker _checker = new(miniLm.Generator, GroundingModel.LoadDefault());

    private async Task<SentenceGrounding> CheckOneAsync(string answer, params GroundingSource[] sources)
    {
        var report = await _checker.CheckAsync(answer, sources);
        return Assert.Single(report.Sentences);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, true)]
    [InlineData(0.0, false)]
    public async Task CheckAsync_DoubtBand_EmbedsOnlyClaimsTheLexicalStageIsUnsureOf(double band, bool expectEmbedding)
    {
        var shipped = GroundingModel.LoadDefault();
        var model = new GroundingModel(shipped.Features, shipped.Means, shipped.Scales, shipped.Weights, shipped.Bias, shipped.Threshold)
        {
            DenseCandidates = shipped.DenseCandidates,
            LexicalStage = shipped.LexicalStage,
            DenseClaimBudget = 2,
            DenseDoubtBand = band,
        };
        var embedder = new HashingEmbedder();
        var checker = new GroundingChecker(embedder, model);

        var report = await checker.CheckAsync("Transformers process all tokens in parallel rather than one at a time [1].", [Transformers]);

        Assert.Equal(GroundingVerdict.Supported, Assert.Single(report.Sentences).Verdict);
        Assert.Equal(expectEmbedding, embedder.Texts > 0);
    }

    private static GroundingChecker WithGate(double bias, IEmbeddingGenerator<string, Embedding<float>> embedder, bool numbersOverride = false)
    {
        var shipped = GroundingModel.LoadDefault();
        var n = ResponseGate.FeatureNames.Count;
        var model = new GroundingModel(shipped.Features, shipped.Means, shipped.Scales, shipped.Weights, shipped.Bias, shipped.Threshold)
        {
            DenseCandidates = shipped.DenseCandidates,
            LexicalStage = shipped.LexicalStage,
            DenseClaimBudget = shipped.DenseClaimBudget,
            ConflictsOverride = false,
            NumberConflictsOverride = numbersOverride,
            Gate = new ResponseGate(new double[n], Enumerable.Repeat(1.0, n).ToArray(), new double[n], bias, 0.5),
        };
        return new GroundingChecker(embedder, model);
    }

    [Fact]
    public async Task CheckAsync_GateClearsTheAnswer_KeepsNoHallucinationFlagButKeepsAMissingSource()
    {
        var checker = WithGate(bias: -30, miniLm.Generator);

        var report = await checker.CheckAsync(
            "Transformers were first used by NASA engineers to steer the Mars rover Curiosity [1]. Transformers process all tokens in parallel [7].",
            [Transformers, Rnns]);

        Assert.Equal(GroundingVerdict.Supported, report.Sentences[0].Verdict);
        Assert.Null(report.Sentences[0].Reason);
        Assert.Equal(GroundingVerdict.WrongCitation, report.Sentences[1].Verdict);
    }

    [Fact]
    public async Task CheckAsync_GateClearsTheAnswer_AWrongNumberStillStandsWhenNumbersOverride()
    {
        var checker = WithGate(bias: -30, miniLm.Generator, numbersOverride: true);

        var report = await checker.CheckAsync("The transformer architecture was introduced in 2015 by researchers at Google [1].", [Transformers, Rnns]);

        var sentence = Assert.Single(report.Sentences);
        Assert.Equal(GroundingVerdict.Contradicted, sentence.Verdict);
        Assert.Contains("number", sentence.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CheckStatementAsync_IgnoresTheAnswerLevelGate()
    {
        var checker = WithGate(bias: -30, miniLm.Generator);

        var report = await checker.CheckStatementAsync("A recurrent neural network does not keep a hidden state from one step to the next [2].", [Transformers, Rnns]);

        Assert.Equal(GroundingVerdict.Contradicted, Assert.Single(report.Sentences).Verdict);
    }

    [Fact]
    public async Task CheckAsync_GateFlagsTheAnswer_ShowsAtLeastItsLeastSupportedSentence()
    {
        var checker = WithGate(bias: 30, miniLm.Generator);

        var report = await checker.CheckAsync(
            "Transformers process all tokens in parallel rather than one at a time [1]. A recurrent neural network keeps a hidden state [2]. Training RNNs on long sequences is said to be easy [2].",
            [Transformers, Rnns]);

        var flagged = Assert.Single(report.Sentences, s => s.Flagged);
        Assert.Same(report.Sentences.Where(s => s.IsClaim).MinBy(s => s.Score), flagged);
        Assert.NotNull(flagged.Reason);
    }

    [Fact]
    public async Task CheckAsync_SupportedParaphrase_IsSupported()
    {
        var result = await CheckOneAsync("Self-attention allows each token to attend to every other token in the sequence [1].", Transformers, Rnns);
        Assert.Equal(GroundingVerdict.Supported, result.Verdict);
        Assert.Equal(1, result.EvidenceSource);
        Assert.Contains("self-attention", result.Evidence, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.Score > 0.5);
        Assert.Null(result.Reason);
    }

    [Fact]
    public async Task CheckAsync_InventedFact_IsUnsupported()
    {
        var result = await CheckOneAsync("Transformers were first used by NASA engineers to steer the Mars rover Curiosity [1].", Transformers, Rnns);
        Assert.Equal(GroundingVerdict.Unsupported, result.Verdict);
        Assert.NotNull(result.Reason);
        Assert.True(result.Score < 0.5);
    }

    [Fact]
    public async Task CheckAsync_OtherYear_IsContradicted()
    {
        var result = await CheckOneAsync("The transformer architecture was introduced in 2015 by researchers at Google [1].", Transformers, Rnns);
        Assert.Equal(GroundingVerdict.Contradicted, result.Verdict);
        Assert.Equal(1, result.EvidenceSource);
        Assert.Contains("number", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CheckStatementAsync_Negated_IsContradicted()
    {
        // In an answer a negation conflict is weighed by the model (on RAGTruth it fired mostly on contrasts and advice);
        // in a statement someone asked to have checked, it decides.
        var report = await _checker.CheckStatementAsync("A recurrent neural network does not keep a hidden state from one step to the next [2].", [Transformers, Rnns]);
        var result = Assert.Single(report.Sentences);
        Assert.Equal(GroundingVerdict.Contradicted, result.Verdict);
        Assert.Equal(2, result.EvidenceSource);
        Assert.Contains("negation", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CheckAsync_SupportedByAnotherSource_IsWrongCitation()
    {
        var result = await CheckOneAsync("A recurrent neural network keeps a hidden state that carries information between steps [1].", Transformers, Rnns);
        Assert.Equal(GroundingVerdict.WrongCitation, result.Verdict);
        Assert.Equal(2, result.EvidenceSource);
        Assert.Contains("[2]", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NonexistentSource_IsWrongCitationNeverSupported()
    {
        var result = await CheckOneAsync("Transformers process all tokens in parallel [7].", Transformers, Rnns);
        Assert.Equal(GroundingVerdict.WrongCitation, result.Verdict);
        Assert.Equal([7], result.Citations);
        Assert.Contains("[7]", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_UncitedButSupported_IsSupported()
    {
        var result = await CheckOneAsync("Transformers handle all tokens in parallel.", Transformers, Rnns);
        Assert.Equal(GroundingVerdict.Supported, result.Verdict);
        Assert.Equal(1, result.EvidenceSource);
    }

    [Fact]
    public async Task CheckAsync_SupportedOnlyByUncitablePassage_IsWrongCitation()
    {
        var report = await _checker.CheckAsync(
            "Training RNNs on long sequences is hard because gradients vanish [1].",
            [Transformers],
            [Rnns.Text]);
        var result = Assert.Single(report.Sentences);
        Assert.Equal(GroundingVerdict.WrongCitation, result.Verdict);
        Assert.Null(result.EvidenceSource);
        Assert.Contains("vanish", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NonClaims_AreNeutral()
    {
        var report = await _checker.CheckAsync("Hello! I don't know. The sources do not cover this. Anything else?", [Transformers]);
        Assert.Equal(4, report.Sentences.Count);
        Assert.All(report.Sentences, s =>
        {
            Assert.Equal(GroundingVerdict.Supported, s.Verdict);
            Assert.False(s.IsClaim);
        });
        Assert.False(report.Flagged);
    }

    [Fact]
    public async Task CheckAsync_Report_CountsAndKeepsOrder()
    {
        const string answer = "Transformers process all tokens in parallel [1]. They were invented in 1950 by Alan Turing [1].";
        var report = await _checker.CheckAsync(answer, [Transformers, Rnns]);
        Assert.Equal(2, report.Sentences.Count);
        Assert.Equal(GroundingVerdict.Supported, report.Sentences[0].Verdict);
        Assert.True(report.Sentences[1].Flagged);
        Assert.True(report.Sentences[0].Score > 0.5);
        Assert.True(report.Sentences[1].Score <= 0.5);
        Assert.True(report.Flagged);
        Assert.Equal(1, report.FlaggedCount);
        Assert.Equal(1, report.Counts[GroundingVerdict.Supported]);
        Assert.Equal(answer, string.Concat(answer.AsSpan(0, report.Sentences[0].Length), " ", answer.AsSpan(report.Sentences[1].Start)));
    }

    [Fact]
    public async Task CheckAsync_NullArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _checker.CheckAsync(null!, [Transformers]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _checker.CheckAsync("x", null!));
    }

    [Fact]
    public async Task CheckAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _checker.CheckAsync("Transformers are parallel [1].", [Transformers], cts.Token));
    }
}
