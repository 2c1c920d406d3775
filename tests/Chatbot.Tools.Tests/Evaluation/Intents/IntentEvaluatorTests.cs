using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Tests.Intents;
using Chatbot.Conversation.Understanding;
using Chatbot.Tools.Evaluation.Intents;

namespace Chatbot.Tools.Tests.Evaluation.Intents;

public sealed class IntentEvaluatorTests
{
    private const string File =
        """
        {"text":"hello","intent":"Greeting"}
        {"text":"what is a token?","intent":"Ask"}
        this is not json
        {"text":"gpt-3 vs gpt-4","intent":"Compare"}

        {"text":"reset","intent":"Dance"}
        {"intent":"Thanks"}
        {"text":"sources?","intent":"7"}
        {"text":"cheers","intent":"thanks","note":"labels are case-insensitive"}
        """;

    [Fact]
    public async Task EvaluateAsync_MalformedLines_AreReportedWithLineNumbersAndSkipped()
    {
        var evaluation = await new IntentEvaluator(new ScriptedRecognizer(), Analyzer).EvaluateAsync(new StringReader(File));

        Assert.Equal(4, evaluation.Count);
        Assert.Equal([3, 6, 7, 8], evaluation.Problems.Select(problem => problem.Line));
        Assert.Contains("not valid JSON", evaluation.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("Dance", evaluation.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("'text'", evaluation.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("'7'", evaluation.Problems[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_CountsAccuracyPrecisionRecallAndConfusions()
    {
        var evaluation = await new IntentEvaluator(new ScriptedRecognizer(), Analyzer).EvaluateAsync(new StringReader(File));

        // The scripted recognizer calls the comparison Ask; everything else is right.
        Assert.Equal(3, evaluation.Correct);
        Assert.Equal(0.75, evaluation.Accuracy, 3);
        var confusion = Assert.Single(evaluation.Confusions);
        Assert.Equal(new IntentConfusion(4, "gpt-3 vs gpt-4", Intent.Compare, Intent.Ask, 0.6), confusion);

        var ask = evaluation.PerIntent.Single(metrics => metrics.Intent == Intent.Ask);
        Assert.Equal(0.5, ask.Precision, 3);
        Assert.Equal(1.0, ask.Recall, 3);
        var compare = evaluation.PerIntent.Single(metrics => metrics.Intent == Intent.Compare);
        Assert.Equal(0.0, compare.Precision, 3);
        Assert.Equal(0.0, compare.Recall, 3);
        Assert.Equal(Enum.GetValues<Intent>().Length, evaluation.PerIntent.Count);

        Assert.Equal(3, evaluation.Confident);
        Assert.Equal(3, evaluation.ConfidentCorrect);
        Assert.InRange(evaluation.MedianMilliseconds, 0, evaluation.P95Milliseconds);
    }

    [Fact]
    public async Task EvaluateAsync_WarmsUpBeforeTiming()
    {
        var recognizer = new ScriptedRecognizer();

        await new IntentEvaluator(recognizer, Analyzer).EvaluateAsync(new StringReader("""{"text":"hello","intent":"Greeting"}"""));

        Assert.Equal(2, recognizer.Calls);
    }

    [Fact]
    public async Task EvaluateAsync_EmptyFile_GivesZeroes()
    {
        var evaluation = await new IntentEvaluator(new ScriptedRecognizer(), Analyzer).EvaluateAsync(new StringReader(string.Empty));

        Assert.Equal(0, evaluation.Count);
        Assert.Equal(0, evaluation.Accuracy);
        Assert.Equal(0, evaluation.MedianMilliseconds);
        Assert.Empty(evaluation.Problems);
    }

    [Fact]
    public async Task EvaluateAsync_InvalidArguments_Throw()
    {
        var evaluator = new IntentEvaluator(new ScriptedRecognizer(), Analyzer);

        await Assert.ThrowsAsync<ArgumentNullException>(() => evaluator.EvaluateAsync((TextReader)null!));
        await Assert.ThrowsAsync<ArgumentException>(() => evaluator.EvaluateAsync(" "));
        Assert.Throws<ArgumentNullException>(() => new IntentEvaluator(null!, Analyzer));
        Assert.Throws<ArgumentNullException>(() => new IntentEvaluator(new ScriptedRecognizer(), null!));
    }

    /// <summary>The analysis as the bot computes it, on a fast stand-in model.</summary>
    private MessageAnalyzer Analyzer { get; } = new(new WordHashEmbeddingGenerator(), ConversationMessageParser.ForIntentExamples());

    /// <summary>Answers from a fixed table; anything unknown is Ask.</summary>
    private sealed class ScriptedRecognizer : IIntentRecognizer
    {
        public int Calls { get; private set; }

        public Task<IntentResult> RecognizeAsync(MessageAnalysis analysis, CancellationToken cancellationToken = default)
        {
            Calls++;
            var result = analysis.Text switch
            {
                "hello" => new IntentResult(Intent.Greeting, 0.9) { IsConfident = true },
                "cheers" => new IntentResult(Intent.Thanks, 0.9) { IsConfident = true },
                "what is a token?" => new IntentResult(Intent.Ask, 0.8) { IsConfident = true },
                "gpt-3 vs gpt-4" => new IntentResult(Intent.Ask, 0.6) { IsConfident = false },
                _ => new IntentResult(Intent.Ask, 0.5),
            };
            return Task.FromResult(result);
        }
    }
}
