using Chatbot.Conversation.Intents;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Intents;

/// <summary>The recognizer's plumbing with a fast stand-in model: thresholds, failures and validation.</summary>
public sealed class IntentRecognizerWithoutModelTests
{
    [Fact]
    public async Task RecognizeAsync_BelowThreshold_IsNotConfidentAndOffersTwoIntents()
    {
        var recognizer = Create(new WordHashEmbeddingGenerator(), threshold: 1);

        var result = await recognizer.RecognizeAsync("how do diffusion models denoise pictures?");

        Assert.Equal(IntentSource.Similarity, result.Source);
        Assert.False(result.IsConfident);
        Assert.InRange(result.Confidence, 0, 0.99);
        Assert.NotEqual(result.Intent, result.RunnerUp);
        Assert.InRange(result.RunnerUpConfidence, 0, result.Confidence);
    }

    [Fact]
    public async Task RecognizeAsync_ThresholdZero_EverythingIsConfident()
    {
        var recognizer = Create(new WordHashEmbeddingGenerator(), threshold: 0);

        var result = await recognizer.RecognizeAsync("something entirely unlike the examples");

        Assert.True(result.IsConfident);
    }

    [Fact]
    public async Task RecognizeAsync_ModelUnavailable_RulesStillWork()
    {
        var generator = new WordHashEmbeddingGenerator { FailuresLeft = int.MaxValue };
        var recognizer = Create(generator);

        var result = await recognizer.RecognizeAsync("start over");

        Assert.Equal(Intent.Reset, result.Intent);
        await Assert.ThrowsAsync<InvalidOperationException>(() => recognizer.RecognizeAsync("what is a token?"));
    }

    [Fact]
    public async Task RecognizeAsync_ExamplesFailedToEmbed_RetriesOnTheNextMessage()
    {
        var generator = new WordHashEmbeddingGenerator { FailuresLeft = 1 };
        var recognizer = Create(generator);
        Assert.Equal(1, generator.Calls);

        var result = await recognizer.RecognizeAsync("what is a token?");

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

    private static IntentRecognizer Create(WordHashEmbeddingGenerator generator, double threshold = 0.55) =>
        new(generator, Options.Create(new IntentOptions { ConfidenceThreshold = threshold }));
}
