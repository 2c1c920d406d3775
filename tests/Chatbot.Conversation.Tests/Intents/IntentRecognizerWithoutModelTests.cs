using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Understanding;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Intents;

/// <summary>The recognizer's plumbing with a fast stand-in model: thresholds, failures and validation.</summary>
public sealed class IntentRecognizerWithoutModelTests
{
    [Fact]
    public async Task RecognizeAsync_BelowThreshold_IsNotConfidentAndOffersTwoIntents()
    {
        var generator = new WordHashEmbeddingGenerator();
        var recognizer = Create(generator, threshold: 1);

        var result = await recognizer.RecognizeAsync(await Analyze(generator, "how do diffusion models denoise pictures?"));

        Assert.Equal(IntentSource.Similarity, result.Source);
        Assert.False(result.IsConfident);
        Assert.InRange(result.Confidence, 0, 0.99);
        Assert.NotEqual(result.Intent, result.RunnerUp);
        Assert.InRange(result.RunnerUpConfidence, 0, result.Confidence);
    }

    [Fact]
    public async Task RecognizeAsync_ThresholdZero_EverythingIsConfident()
    {
        var generator = new WordHashEmbeddingGenerator();
        var recognizer = Create(generator, threshold: 0);

        var result = await recognizer.RecognizeAsync(await Analyze(generator, "something entirely unlike the examples"));

        Assert.True(result.IsConfident);
    }

    [Fact]
    public async Task RecognizeAsync_ModelUnavailable_RulesStillWork()
    {
        var generator = new WordHashEmbeddingGenerator { FailuresLeft = int.MaxValue };
        var recognizer = Create(generator);

        var result = await recognizer.RecognizeAsync(await Analyze(generator, "start over"));

        Assert.Equal(Intent.Reset, result.Intent);
        var unembedded = await Analyze(generator, "what is a token?");
        Assert.False(unembedded.HasVectors);
        await Assert.ThrowsAsync<InvalidOperationException>(() => recognizer.RecognizeAsync(unembedded));
    }

    [Fact]
    public async Task RecognizeAsync_ExamplesFailedToEmbed_RetriesOnTheNextMessage()
    {
        var generator = new WordHashEmbeddingGenerator { FailuresLeft = 1 };
        var recognizer = Create(generator);
        Assert.Equal(1, generator.Calls);

        var result = await recognizer.RecognizeAsync(await Analyze(generator, "what is a token?"));

        Assert.Equal(IntentSource.Similarity, result.Source);
        Assert.Equal(3, generator.Calls); // the failed batch, the retried batch, the message
    }

    [Fact]
    public void Constructor_EmbedsTheExamplesOnceInOneBatch()
    {
        var generator = new WordHashEmbeddingGenerator();

        _ = Create(generator);

        Assert.Equal(1, generator.Calls);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Constructor_ThresholdOutOfRange_Throws(double threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(new WordHashEmbeddingGenerator(), threshold));

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new IntentRecognizer(null!, Options.Create(new IntentOptions())));
        Assert.Throws<ArgumentNullException>(() => new IntentRecognizer(new WordHashEmbeddingGenerator(), null!));
    }

    /// <summary>The turn's analysis, on the same stand-in model as the recognizer.</summary>
    private static Task<MessageAnalysis> Analyze(WordHashEmbeddingGenerator generator, string text) =>
        new MessageAnalyzer(generator, ConversationMessageParser.ForIntentExamples()).AnalyzeAsync(text);

    private static IntentRecognizer Create(WordHashEmbeddingGenerator generator, double threshold = 0.55) =>
        new(generator, Options.Create(new IntentOptions { ConfidenceThreshold = threshold }));
}
