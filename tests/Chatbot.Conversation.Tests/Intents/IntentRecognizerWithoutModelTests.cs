using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Understanding;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Intents;

/// <summary>The recognizer's plumbing with a fast stand-in embedding model: thresholds, failures and validation.</summary>
public sealed class IntentRecognizerWithoutModelTests
{
    [Fact]
    public async Task RecognizeAsync_ThresholdOne_IsNotConfidentAndOffersTwoIntents()
    {
        var generator = new WordHashEmbeddingGenerator();
        var recognizer = Create(threshold: 1);

        var result = await recognizer.RecognizeAsync(await Analyze(generator, "how do diffusion models denoise pictures?"));

        Assert.Equal(IntentSource.Model, result.Source);
        Assert.False(result.IsConfident);
        Assert.InRange(result.Confidence, 0, 1);
        Assert.NotEqual(result.Intent, result.RunnerUp);
        Assert.InRange(result.RunnerUpConfidence, 0, result.Confidence);
    }

    [Fact]
    public async Task RecognizeAsync_ThresholdZero_EverythingButAModelsResetIsConfident()
    {
        var generator = new WordHashEmbeddingGenerator();
        var recognizer = Create(threshold: 0);

        var result = await recognizer.RecognizeAsync(await Analyze(generator, "something entirely unlike the examples"));

        Assert.Equal(result.Intent != Intent.Reset, result.IsConfident);
    }

    [Fact]
    public async Task Classify_ProbabilitiesCoverEveryIntentAndSumToOne()
    {
        var generator = new WordHashEmbeddingGenerator();

        var (ranked, passages) = Create().Classify(await Analyze(generator, "what is a token?"));

        Assert.Equal(IntentModel.Default.Intents.Count, ranked.Count);
        Assert.Equal(1, ranked.Sum(r => r.Probability), 6);
        Assert.True(ranked.Zip(ranked.Skip(1)).All(pair => pair.First.Probability >= pair.Second.Probability));
        Assert.Empty(passages);
    }

    [Fact]
    public async Task RecognizeAsync_EmbeddingModelUnavailable_CommandsStillWork()
    {
        var generator = new WordHashEmbeddingGenerator { FailuresLeft = int.MaxValue };
        var recognizer = Create();

        var result = await recognizer.RecognizeAsync(await Analyze(generator, "start over"));

        Assert.Equal(Intent.Reset, result.Intent);
        var unembedded = await Analyze(generator, "what is a token?");
        Assert.False(unembedded.HasVectors);
        await Assert.ThrowsAsync<InvalidOperationException>(() => recognizer.RecognizeAsync(unembedded));
    }

    [Fact]
    public void Constructor_ModelTrainedOnOtherCues_Throws()
    {
        var cues = IntentFeatures.FromJson("""{ "questionWords": ["what"], "farewells": ["bye"] }""");

        var error = Assert.Throws<ArgumentException>(() => new IntentRecognizer(Options.Create(new IntentOptions()), features: cues));

        Assert.Contains("train intents", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Constructor_ThresholdOutOfRange_Throws(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(threshold));

    [Fact]
    public void Constructor_NullOptions_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new IntentRecognizer(null!));

    /// <summary>The turn's analysis, on the stand-in model.</summary>
    private static Task<MessageAnalysis> Analyze(WordHashEmbeddingGenerator generator, string text) =>
        new MessageAnalyzer(generator, ConversationMessageParser.ForIntentExamples()).AnalyzeAsync(text);

    private static IntentRecognizer Create(double threshold = 0.55) =>
        new(Options.Create(new IntentOptions { ConfidenceThreshold = threshold }));
}
