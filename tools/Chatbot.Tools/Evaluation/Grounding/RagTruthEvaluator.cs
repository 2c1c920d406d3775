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
        var chars = default(RagTruthCharCounts);
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var report = await _checker.CheckAsync(record.Response, record.Sources(), cancellationToken).ConfigureAwait(false);
            var ms = watch.Elapsed.TotalMilliseconds;
            var flags = new List<RagTruthFlag>();
            var labelled = 0;
            var labels = record.Spans.Select(s => (s.Start, s.End)).ToArray();
            var answerMarks = new List<(int Start, int End)>();
            var sentenceMarks = new List<(int Start, int End)>();
            foreach (var sentence in report.Sentences)
            {
                var actual = record.IsHallucinated(sentence.Start, sentence.Start + sentence.Length);
                labelled += actual ? 1 : 0;
                sentences = sentences.Add(actual, sentence.Flagged);
                if (sentence.Flagged)
                {
                    var marks = Marks(record.Response, sentence);
                    answerMarks.AddRange(marks.Select(m => (m.Start, m.End)));
                    sentenceMarks.Add((sentence.Start, sentence.Start + sentence.Length));
                    chars = chars.AddFlagged(marks.Count > 0, actual
                        ? RagTruthSpanScore.Count(marks.Select(m => (m.Start, m.End)), labels, sentence.Start, sentence.Start + sentence.Length)
                        : (BinaryCounts?)null);
                    flags.Add(new RagTruthFlag(
                        sentence.Start,
                        sentence.Start + sentence.Length,
                        sentence.Text,
                        sentence.Verdict.ToString(),
                        Math.Round(sentence.Score, 4),
                        actual,
                        sentence.Reason,
                        sentence.EvidenceSource,
                        sentence.Evidence)
                    {
                        Spans = marks,
                    });
                }
            }

            chars = chars.AddAnswer(
                RagTruthSpanScore.Count(answerMarks, labels, 0, record.Response.Length),
                RagTruthSpanScore.Count(sentenceMarks, labels, 0, record.Response.Length));

            predictions.Add(new RagTruthPrediction(
                record.Id, record.Generator, record.Hallucinated, report.Flagged, Math.Round(report.MinScore, 4), Math.Round(ms, 2),
                report.Sentences.Count, labelled, flags));
        }

        return RagTruthEvaluation.From(predictions, sentences, skipped) with
        {
            Spans = RagTruthSpanScore.From(chars.Spans),
            FlaggedSentencesAsSpans = RagTruthSpanScore.From(chars.Sentences),
            SpansInRightFlags = RagTruthSpanScore.From(chars.InRightFlags),
            FlaggedWithSpans = chars.FlaggedWithSpans,
            Flagged = chars.Flagged,
        };
    }

    /// <summary>The words the checker marked in <paramref name="sentence"/>, in response offsets (a span it cannot place is left out).</summary>
    private static List<RagTruthMarkedSpan> Marks(string response, SentenceGrounding sentence)
    {
        var marks = new List<RagTruthMarkedSpan>(sentence.Spans.Count);
        foreach (var span in sentence.Spans)
        {
            if (span.ToAnswer(response, sentence.Start, sentence.Length, sentence.Text) is { } placed)
            {
                marks.Add(new RagTruthMarkedSpan(placed.Start, placed.Start + placed.Length, response.Substring(placed.Start, placed.Length), span.Instead));
            }
        }

        return marks;
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
