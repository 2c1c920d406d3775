using System.Diagnostics;
using System.Text.Json;
using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;

namespace Chatbot.Tools.Evaluation.Intents;

/// <summary>
/// Measures an <see cref="IIntentRecognizer"/> on a labelled JSONL file, one
/// <c>{"text":"…","intent":"Compare"}</c> per line (other fields are ignored): accuracy, precision and recall per intent,
/// the confusions, calibration, and the time recognition adds to the turn's one embedding once the model is loaded.
/// A line of a question set (<c>{"question":"…"}</c>, as <c>bench answers</c> reads) counts as <see cref="Intent.Ask"/>.
/// A line may list in <c>"also"</c> the courtesies the message makes besides its intent ("thanks! and …").
/// </summary>
/// <remarks>
/// A line that is not JSON, lacks a field or names an unknown intent is reported with its line number and skipped;
/// it never stops the evaluation. Blank lines are ignored. Utterances are recognised one after another so the
/// timings are those of a single turn, not of a batch.
/// </remarks>
public sealed class IntentEvaluator
{
    // Loads the model's lazy parts (ONNX session, JIT) through the similarity path before anything is timed.
    private const string WarmUpUtterance = "what does a language model do with my question?";

    private readonly IIntentRecognizer _recognizer;
    private readonly MessageAnalyzer _analyzer;

    /// <param name="recognizer">The recognizer to measure.</param>
    /// <param name="analyzer">Analyses each message as the bot does before the recognizer reads it.</param>
    public IntentEvaluator(IIntentRecognizer recognizer, MessageAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(recognizer);
        ArgumentNullException.ThrowIfNull(analyzer);
        _recognizer = recognizer;
        _analyzer = analyzer;
    }

    /// <summary>Evaluates the JSONL file at <paramref name="path"/>.</summary>
    public async Task<IntentEvaluation> EvaluateAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return await EvaluateAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Evaluates JSONL read from <paramref name="reader"/>.</summary>
    public async Task<IntentEvaluation> EvaluateAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var items = new List<(int Line, string Text, Intent Intent, Intent[] Also)>();
        var problems = new List<IntentEvaluationProblem>();
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (TryParse(line, out var text, out var intent, out var also, out var problem))
            {
                items.Add((number, text, intent, also));
            }
            else
            {
                problems.Add(new IntentEvaluationProblem(number, problem));
            }
        }

        await _recognizer.RecognizeAsync(await _analyzer.AnalyzeAsync(WarmUpUtterance, cancellationToken: cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        var intents = Enum.GetValues<Intent>();
        var support = new int[intents.Length];
        var predicted = new int[intents.Length];
        var correctPerIntent = new int[intents.Length];
        var confusions = new List<IntentConfusion>();
        var milliseconds = new double[items.Count];
        var confidences = new (double Confidence, bool Correct)[items.Count];
        int correct = 0, confident = 0, confidentCorrect = 0, withAlso = 0, alsoFound = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var (line, text, expected, also) = items[i];
            // The turn's one embedding is shared with the answer: only what recognition adds to it is timed.
            var analysis = await _analyzer.AnalyzeAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var result = await _recognizer.RecognizeAsync(analysis, cancellationToken).ConfigureAwait(false);
            milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            confidences[i] = (result.Confidence, result.Intent == expected);
            if (also.Length > 0)
            {
                withAlso++;
                alsoFound += result.Intent == expected && also.All(result.Also.Contains) ? 1 : 0;
            }

            support[(int)expected]++;
            predicted[(int)result.Intent]++;
            var isCorrect = result.Intent == expected;
            if (isCorrect)
            {
                correct++;
                correctPerIntent[(int)expected]++;
            }
            else
            {
                confusions.Add(new IntentConfusion(line, text, expected, result.Intent, result.Confidence));
            }

            if (result.IsConfident)
            {
                confident++;
                confidentCorrect += isCorrect ? 1 : 0;
            }
        }

        Array.Sort(milliseconds);
        return new IntentEvaluation
        {
            Count = items.Count,
            Correct = correct,
            Confident = confident,
            ConfidentCorrect = confidentCorrect,
            WithAlso = withAlso,
            AlsoRecognized = alsoFound,
            ExpectedCalibrationError = Reliability.Of(confidences).ExpectedCalibrationError,
            PerIntent = [.. intents.Select(intent => new IntentMetrics(intent, support[(int)intent], predicted[(int)intent], correctPerIntent[(int)intent]))],
            Confusions = confusions,
            Problems = problems,
            MedianMilliseconds = Percentile(milliseconds, 0.5),
            P95Milliseconds = Percentile(milliseconds, 0.95),
        };
    }

    /// <summary>Reads one JSONL line; <paramref name="problem"/> says why when it cannot.</summary>
    private static bool TryParse(string line, out string text, out Intent intent, out Intent[] also, out string problem)
    {
        text = string.Empty;
        intent = default;
        also = [];
        problem = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return false;
            }

            // A line of a question set ({"question": …}, covered or not) is a question: in a pilot, a customer's
            // question is answered from the pages, or told plainly that they do not cover it.
            if (!root.TryGetProperty("text", out var textElement) && root.TryGetProperty("question", out var questionElement)
                && questionElement.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(questionElement.GetString()))
            {
                text = questionElement.GetString()!;
                intent = Intent.Ask;
                return true;
            }

            if (textElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(textElement.GetString()))
            {
                problem = "missing or empty string field 'text'";
                return false;
            }

            if (!root.TryGetProperty("intent", out var intentElement) || intentElement.ValueKind != JsonValueKind.String)
            {
                problem = "missing string field 'intent'";
                return false;
            }

            var name = intentElement.GetString()!;
            // Enum.TryParse also accepts numbers ("3"); labels must be names.
            if (!Enum.TryParse(name, ignoreCase: true, out intent) || !Enum.IsDefined(intent) || name.Trim().All(char.IsAsciiDigit))
            {
                problem = $"unknown intent '{name}'";
                return false;
            }

            if (root.TryGetProperty("also", out var alsoElement))
            {
                var names = alsoElement.ValueKind == JsonValueKind.Array ? alsoElement.EnumerateArray().Select(e => e.GetString()).ToList() : [null];
                var parsed = names.Select(n => Enum.TryParse<Intent>(n, ignoreCase: true, out var other) && Enum.IsDefined(other) ? other : (Intent?)null).ToList();
                if (parsed.Any(p => p is null))
                {
                    problem = "'also' must list known intents";
                    return false;
                }

                also = [.. parsed.Select(p => p!.Value)];
            }

            text = textElement.GetString()!;
            return true;
        }
        catch (JsonException exception)
        {
            problem = $"not valid JSON: {exception.Message}";
            return false;
        }
    }

    /// <summary>Nearest-rank percentile of sorted values; 0 when there are none.</summary>
    private static double Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
