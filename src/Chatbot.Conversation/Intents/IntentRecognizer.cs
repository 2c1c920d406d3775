using System.Diagnostics;
using Chatbot.AI.Understanding;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// Recognises intents locally and offline: rules for what is a command by nature (a whole message that says "reset",
/// asks for a human or names a level; emoji reactions), then a classifier (<see cref="IntentModel"/>) over the turn's
/// one embedding, cheap text cues and how closely the knowledge base matches the message. Its confidence is a
/// calibrated probability; below <see cref="IntentOptions.ConfidenceThreshold"/> the bot asks which of the two
/// likeliest intents was meant.
/// </summary>
/// <remarks>
/// <para>
/// The knowledge base is searched once, with the turn's vector, and what it found goes with a question's result to the
/// responder, which answers from it instead of searching again. A pilot's documents widen what counts as a question
/// without a code change: "how do I start a return?" matches the returns page closely, so it is no "start over".
/// </para>
/// <para>
/// Starting over destroys the conversation, so it needs words that can mean nothing else: the classifier alone never
/// resets confidently, and the dialog confirms first. Thread-safe; a singleton.
/// </para>
/// </remarks>
public sealed partial class IntentRecognizer : IIntentRecognizer
{
    private readonly double _threshold;
    private readonly HybridRetriever? _retriever;
    private readonly IntentModel _model;
    private readonly IntentFeatures _features;
    private readonly ILogger _logger;

    /// <param name="options">The confidence threshold.</param>
    /// <param name="retriever">Searches the knowledge base; null to recognise without it (its features read as no match).</param>
    /// <param name="model">The classifier; null for the one that ships with the library.</param>
    /// <param name="features">The cue lists; null for the ones that ship with the library.</param>
    /// <param name="logger">Optional logger; message text is logged at Trace only.</param>
    /// <exception cref="ArgumentException">The model was trained on other features than <paramref name="features"/> measures.</exception>
    public IntentRecognizer(
        IOptions<IntentOptions> options,
        HybridRetriever? retriever = null,
        IntentModel? model = null,
        IntentFeatures? features = null,
        ILogger<IntentRecognizer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var threshold = options.Value.ConfidenceThreshold;
        if (double.IsNaN(threshold) || threshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), threshold, "ConfidenceThreshold must be between 0 and 1.");
        }

        _threshold = threshold;
        _retriever = retriever;
        _model = model ?? IntentModel.Default;
        _features = features ?? IntentFeatures.Default;
        if (!_model.TextFeatures.SequenceEqual(_features.TextFeatureNames, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The intent model's features ({string.Join(", ", _model.TextFeatures)}) are not the cues' ({string.Join(", ", _features.TextFeatureNames)}): retrain it with 'train intents'.",
                nameof(model));
        }

        _logger = logger ?? NullLogger<IntentRecognizer>.Instance;
    }

    /// <summary>The confidence below which a result is not <see cref="IntentResult.IsConfident"/>.</summary>
    public double ConfidenceThreshold => _threshold;

    /// <summary>The classifier's probability of each intent for <paramref name="analysis"/>, and the passages searched for it.</summary>
    /// <exception cref="InvalidOperationException">The message has no embedding (the model failed).</exception>
    public (IReadOnlyList<(Intent Intent, double Probability)> Ranked, IReadOnlyList<RetrievedPassage> Passages) Classify(MessageAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!analysis.HasVectors)
        {
            throw new InvalidOperationException("The message has no embedding (the model failed), so its intent cannot be classified.");
        }

        if (analysis.Vector.Length != _model.EmbeddingDimensions)
        {
            throw new InvalidOperationException(
                $"The message's embedding has {analysis.Vector.Length} dimensions; the intent model was trained on {_model.EmbeddingDimensions}: retrain it with 'train intents'.");
        }

        var passages = _retriever?.Search(analysis.Text, analysis.Vector.Span) ?? [];
        var probabilities = _model.Probabilities(_features.Measure(analysis, passages));
        var ranked = _model.Intents.Select((intent, k) => (intent, probabilities[k])).OrderByDescending(p => p.Item2).ToList();
        return (ranked, passages);
    }

    /// <inheritdoc />
    public Task<IntentResult> RecognizeAsync(MessageAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        Log.Utterance(_logger, analysis.Text);

        if (analysis.Normalized.Length == 0)
        {
            var empty = new IntentResult(Intent.OutOfScope, 0) { RunnerUp = Intent.Help, Source = IntentSource.Empty };
            return Task.FromResult(Recognized(empty with { IsConfident = empty.Confidence >= _threshold }, started));
        }

        if (IntentRules.MatchCommand(analysis) is { } command)
        {
            // A command in words that can mean nothing else is acted on whatever the threshold.
            return Task.FromResult(Recognized(command with { IsConfident = true }, started));
        }

        var (ranked, passages) = Classify(analysis);
        var (best, probability) = ranked[0];
        var (runnerUp, runnerUpProbability) = ranked[1];
        var result = new IntentResult(best, probability)
        {
            RunnerUp = runnerUp,
            RunnerUpConfidence = runnerUpProbability,
            Source = IntentSource.Model,
            Passages = Answers(best) ? passages : null,
            Also = _features.Courtesies(analysis.Normalized, best),
        };
        return Task.FromResult(Recognized(Decide(IntentRules.WithEntities(result, analysis)), started));
    }

    /// <summary>The intents the bot answers from the knowledge base: choosing among them still answers the message.</summary>
    private static bool Answers(Intent intent) => intent is Intent.Ask or Intent.Compare or Intent.CheckClaim;

    /// <summary>Whether the classifier's reading is acted on, or the bot asks which of the two was meant.</summary>
    private IntentResult Decide(IntentResult result)
    {
        // Starting over destroys the conversation: the classifier alone never decides it.
        if (result.Intent == Intent.Reset)
        {
            return result with { IsConfident = false };
        }

        // Unsure whether to answer it as a question, a comparison or a claim, but sure it is to be answered: it is
        // answered, as a plain question when that is one of the two readings (the general one), and a button press
        // would add nothing.
        if (result.Confidence < _threshold && Answers(result.Intent) && Answers(result.RunnerUp)
            && result.Confidence + result.RunnerUpConfidence >= _threshold)
        {
            return result.RunnerUp == Intent.Ask
                ? result with { Intent = Intent.Ask, Confidence = result.RunnerUpConfidence, RunnerUp = result.Intent, RunnerUpConfidence = result.Confidence, Left = null, Right = null, IsConfident = true }
                : result with { IsConfident = true };
        }

        return result with { IsConfident = result.Confidence >= _threshold };
    }

    private IntentResult Recognized(IntentResult result, long started)
    {
        Log.Recognized(_logger, result.Intent, result.Confidence, result.RunnerUp, result.Source, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(3, LogLevel.Debug, "Recognized {Intent} ({Confidence:F2}; runner-up {RunnerUp}) by {Source} in {ElapsedMs:F1} ms.")]
        public static partial void Recognized(ILogger logger, Intent intent, double confidence, Intent runnerUp, IntentSource source, double elapsedMs);

        // User input: Trace only.
        [LoggerMessage(4, LogLevel.Trace, "Recognizing intent of: {Utterance}")]
        public static partial void Utterance(ILogger logger, string utterance);
    }
}
