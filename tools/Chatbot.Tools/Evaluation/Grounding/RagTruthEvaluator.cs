using System.Diagnostics;
using System.Text.Json;
using Chatbot.Grounding;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>
/// Runs a <see cref="GroundingChecker"/> over RAGTruth records and scores it against their labels.
/// The CLI's <c>eval ragtruth --data FILE --json [--out FILE]</c> calls <see cref="EvaluateAsync(string, CancellationToken)"/>
/// and <see cref="WritePredictionsAsync(RagTruthEvaluation, string, CancellationToken)"/>.
/// </summary>
public sealed class RagTruthEvaluator
{
    private readonly GroundingChecker _checker;

    /// <summary>Creates an evaluator of <paramref name="checker"/>.</summary>
    public RagTruthEvaluator(GroundingChecker checker)
    {
        ArgumentNullException.ThrowIfNull(checker);
        _checker = checker;
    }

    /// <summary>Evaluates every readable record of a JSONL file; unreadable lines are listed in <see cref="RagTruthEvaluation.Skipped"/>.</summary>
    public async Task<RagTruthEvaluation> EvaluateAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (records, problems) = await RagTruthReader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return await EvaluateAsync(records, problems, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Evaluates <paramref name="records"/>.</summary>
    public async Task<RagTruthEvaluation> EvaluateAsync(
        IReadOnlyList<RagTruthRecord> records,
        IReadOnlyList<RagTruthProblem> skipped,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(skipped);
        var predictions = new List<RagTruthPrediction>(records.Count);
        var sentences = default(BinaryCounts);
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var report = await _checker.CheckAsync(record.Response, record.Sources(), cancellationToken).ConfigureAwait(false);
            var ms = watch.Elapsed.TotalMilliseconds;
            var flags = new List<RagTruthFlag>();
            var labelled = 0;
            foreach (var sentence in report.Sentences)
            {
                var actual = record.IsHallucinated(sentence.Start, sentence.Start + sentence.Length);
                labelled += actual ? 1 : 0;
                sentences = sentences.Add(actual, sentence.Flagged);
                if (sentence.Flagged)
                {
                    flags.Add(new RagTruthFlag(
                        sentence.Start,
                        sentence.Start + sentence.Length,
                        sentence.Text,
                        sentence.Verdict.ToString(),
                        Math.Round(sentence.Score, 4),
                        actual,
                        sentence.Reason,
                        sentence.EvidenceSource,
                        sentence.Evidence));
                }
            }

            predictions.Add(new RagTruthPrediction(
                record.Id, record.Generator, record.Hallucinated, report.Flagged, Math.Round(report.MinScore, 4), Math.Round(ms, 2),
                report.Sentences.Count, labelled, flags));
        }

        return RagTruthEvaluation.From(predictions, sentences, skipped);
    }

    /// <summary>Writes one JSON line per prediction to <paramref name="path"/>.</summary>
    public static async Task WritePredictionsAsync(RagTruthEvaluation evaluation, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await using var writer = new StreamWriter(path);
        await WritePredictionsAsync(evaluation, writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one JSON line per prediction to <paramref name="writer"/>.</summary>
    public static async Task WritePredictionsAsync(RagTruthEvaluation evaluation, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var prediction in evaluation.Predictions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(JsonSerializer.Serialize(prediction).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
