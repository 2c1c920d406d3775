using Chatbot.Conversation.Intents;

namespace Chatbot.Conversation.Tests.Intents;

/// <summary>The recognizer with the real MiniLM model: rules, look-alike questions, typos and entities.</summary>
[Collection(IntentRecognizerCollection.Name)]
public sealed class IntentRecognizerTests(IntentRecognizerFixture fixture)
{
    private readonly IntentRecognizer _recognizer = fixture.Recognizer;

    [Theory]
    [InlineData("reset", Intent.Reset)]
    [InlineData("Start over please.", Intent.Reset)]
    [InlineData("forget everything", Intent.Reset)]
    [InlineData("🙏", Intent.Thanks)]
    [InlineData("talk to a human", Intent.Handoff)]
    [InlineData("escalate", Intent.Handoff)]
    [InlineData("explain like I'm five", Intent.SetLevel)]
    [InlineData("👍", Intent.Feedback)]
    public async Task RecognizeAsync_CommandsByNature_MatchARule(string utterance, Intent expected)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(expected, result.Intent);
        Assert.Equal(IntentSource.Rule, result.Source);
        Assert.True(result.IsConfident);
        Assert.NotEqual(result.Intent, result.RunnerUp);
    }

    [Theory]
    [InlineData("sources?", Intent.ShowSources)]
    [InlineData("where did you get this from?", Intent.ShowSources)]
    [InlineData("thx", Intent.Thanks)]
    [InlineData("Thank you so much!", Intent.Thanks)]
    [InlineData("hi", Intent.Greeting)]
    [InlineData("Good morning!", Intent.Greeting)]
    [InlineData("help", Intent.Help)]
    [InlineData("GPT-3 vs GPT-4", Intent.Compare)]
    [InlineData("is it true that GANs use two networks?", Intent.CheckClaim)]
    [InlineData("I heard Stable Diffusion came out in 2019, right?", Intent.CheckClaim)]
    [InlineData("see ya, that's all for today", Intent.Farewell)]
    public async Task RecognizeAsync_PlainForms_AreClassifiedConfidently(string utterance, Intent expected)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(expected, result.Intent);
        Assert.Equal(IntentSource.Model, result.Source);
        Assert.True(result.IsConfident, $"{result.Intent} at {result.Confidence:0.00}");
    }

    [Theory]
    [InlineData("why does a GRU cell have a reset gate?", Intent.Ask)]
    [InlineData("when should a support bot pass a chat to a human agent?", Intent.Ask)]
    [InlineData("which sources can a retrieval-augmented generator draw on?", Intent.Ask)]
    [InlineData("thanks to attention, what can transformers do that RNNs cannot?", Intent.Ask)]
    [InlineData("hello, how does a diffusion model remove noise?", Intent.Ask)]
    [InlineData("what is the expert in a mixture of experts?", Intent.Ask)]
    [InlineData("is it true that GANs use two networks?", Intent.CheckClaim)]
    [InlineData("When did ChatGPT launch, and which model did it start on?", Intent.Ask)]
    [InlineData("GPT-4 passed the bar exam, did it?", Intent.CheckClaim)]
    public async Task RecognizeAsync_QuestionMentioningACommandsWords_GoesToTheMeantIntent(string utterance, Intent expected)
    {
        var result = await fixture.RecognizeAsync(utterance);

        // Acted on as meant, or asked about with the meant intent as one of the two buttons: never the command, confidently.
        Assert.True(
            result.Intent == expected || (!result.IsConfident && result.RunnerUp == expected),
            $"{result.Intent} at {result.Confidence:0.00} (runner-up {result.RunnerUp}, confident {result.IsConfident})");
    }

    [Theory]
    [InlineData("waht is a difusion modle", Intent.Ask)]
    [InlineData("what is attenton in llms", Intent.Ask)]
    [InlineData("diffrence between gan and vae", Intent.Compare)]
    [InlineData("thnk you", Intent.Thanks)]
    [InlineData("WHAT'S THE WEATHER IN OSLO?", Intent.OutOfScope)]
    public async Task RecognizeAsync_TyposAndCase_AreTolerated(string utterance, Intent expected)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(expected, result.Intent);
    }

    [Theory]
    [InlineData("what's the weather tomorrow?")]
    [InlineData("give me a recipe for lasagne")]
    [InlineData("what's 2+2")]
    [InlineData("how do I center a div?")]
    [InlineData("is coffee better than tea?")]
    public async Task RecognizeAsync_UnrelatedRequests_AreOutOfScope(string utterance)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(Intent.OutOfScope, result.Intent);
    }

    [Theory]
    [InlineData("What is the difference between GANs and VAEs?", "GANs", "VAEs")]
    [InlineData("diffrence between gan and vae", "gan", "vae")]
    [InlineData("Claude vs ChatGPT", "Claude", "ChatGPT")]
    [InlineData("how does an RNN differ from a transformer?", "RNN", "transformer")]
    [InlineData("is Gemini better than GPT-4?", "Gemini", "GPT-4")]
    [InlineData("compare RAG and fine-tuning", "RAG", "fine-tuning")]
    [InlineData("and how is that different from an RNN?", null, "RNN")]
    public async Task RecognizeAsync_Comparison_ExtractsBothSides(string utterance, string? left, string right)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(Intent.Compare, result.Intent);
        Assert.Equal(left, result.Left);
        Assert.Equal(right, result.Right);
    }

    [Theory]
    [InlineData("explain like I'm five", AnswerLevel.Beginner)]
    [InlineData("simpler please", AnswerLevel.Beginner)]
    [InlineData("that was too complicated for me", AnswerLevel.Beginner)]
    [InlineData("I'm an expert", AnswerLevel.Expert)]
    [InlineData("more technical", AnswerLevel.Expert)]
    [InlineData("set level to standard", AnswerLevel.Standard)]
    public async Task RecognizeAsync_LevelRequest_ExtractsTheLevel(string utterance, AnswerLevel level)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(Intent.SetLevel, result.Intent);
        Assert.Equal(level, result.Level);
    }

    [Theory]
    [InlineData("that was helpful", FeedbackSentiment.Positive)]
    [InlineData("great answer", FeedbackSentiment.Positive)]
    [InlineData("👍🏽", FeedbackSentiment.Positive)]
    [InlineData("not helpful", FeedbackSentiment.Negative)]
    [InlineData("wrong answer", FeedbackSentiment.Negative)]
    [InlineData("👎", FeedbackSentiment.Negative)]
    [InlineData("that answer didn't help one bit", FeedbackSentiment.Negative)]
    public async Task RecognizeAsync_Feedback_ExtractsTheSentiment(string utterance, FeedbackSentiment sentiment)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(Intent.Feedback, result.Intent);
        Assert.Equal(sentiment, result.Feedback);
    }

    [Fact]
    public async Task RecognizeAsync_OtherIntents_CarryNoEntities()
    {
        var result = await fixture.RecognizeAsync("how do transformers work?");

        Assert.Equal(Intent.Ask, result.Intent);
        Assert.Equal(IntentSource.Model, result.Source);
        Assert.Null(result.Left);
        Assert.Null(result.Right);
        Assert.Null(result.Level);
        Assert.Null(result.Feedback);
    }

    [Fact]
    public async Task RecognizeAsync_ModelResult_IsAProbabilityWithARunnerUp()
    {
        var result = await fixture.RecognizeAsync("why do language models make things up?");

        Assert.Equal(Intent.Ask, result.Intent);
        Assert.InRange(result.Confidence, 0, 1);
        Assert.InRange(result.RunnerUpConfidence, 0, result.Confidence);
        Assert.NotEqual(result.Intent, result.RunnerUp);
        Assert.Equal(result.Confidence >= _recognizer.ConfidenceThreshold, result.IsConfident);
    }

    [Theory]
    [InlineData("how do i start a return?")]
    [InlineData("can I return my mouse after 3 weeks?")]
    [InlineData("when do I get my money back?")]
    [InlineData("my laptop arrived broken, what now?")]
    public async Task RecognizeAsync_QuestionThePilotsPagesAnswer_IsAQuestion(string utterance)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(Intent.Ask, result.Intent);
        Assert.NotNull(result.Passages);
        Assert.Equal("contoso-returns", result.Passages![0].DocumentId);
    }

    [Theory]
    [InlineData("can we wipe this whole chat and begin from zero")]
    [InlineData("ok scrap all that, fresh start")]
    public async Task RecognizeAsync_StartingOverWithoutTheCommandsWords_IsNeverConfident(string utterance)
    {
        var result = await fixture.RecognizeAsync(utterance);

        if (result.Intent == Intent.Reset)
        {
            Assert.False(result.IsConfident);
        }
    }

    [Theory]
    [InlineData("thanks! and how is a GAN different from a diffusion model?", Intent.Compare, Intent.Thanks)]
    [InlineData("great answer, but what does tokenization do to numbers?", Intent.Ask, Intent.Feedback)]
    [InlineData("hi there, what is a transformer?", Intent.Ask, Intent.Greeting)]
    public async Task RecognizeAsync_CourtesyBeforeARequest_ActsOnTheRequestAndNotesTheCourtesy(string utterance, Intent expected, Intent also)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(expected, result.Intent);
        Assert.Contains(also, result.Also);
    }

    [Fact]
    public async Task RecognizeAsync_OneThing_HasNothingElseToAcknowledge()
    {
        var result = await fixture.RecognizeAsync("thank you so much!");

        Assert.Equal(Intent.Thanks, result.Intent);
        Assert.Empty(result.Also);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task RecognizeAsync_NoText_IsNotConfident(string utterance)
    {
        var result = await fixture.RecognizeAsync(utterance);

        Assert.Equal(IntentSource.Empty, result.Source);
        Assert.False(result.IsConfident);
        Assert.Equal(0, result.Confidence);
    }

    [Fact]
    public async Task RecognizeAsync_Null_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => _recognizer.RecognizeAsync(null!));

    [Fact]
    public async Task RecognizeAsync_Cancelled_Throws() =>
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _recognizer.RecognizeAsync(await fixture.Analyzer.AnalyzeAsync("what is a token?"), new CancellationToken(canceled: true)));
}
