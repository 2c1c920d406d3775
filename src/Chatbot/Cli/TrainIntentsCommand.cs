using System.Globalization;
using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Chatbot.Tools;
using Chatbot.Tools.Training.Intents;
using Microsoft.Extensions.Options;

namespace Chatbot.Cli;

/// <summary>
/// <c>train intents</c>: fits the intent classifier to the examples that ship in <c>intent-examples.jsonl</c> and the
/// development messages (<c>--data</c>, default <c>eval/intents/dev</c>; several files or folders separated by commas),
/// each measured as the bot measures a message (the turn's embedding, the cues, the knowledge base's match, with the
/// configured documents indexed). Reports cross-validated accuracy and calibration and, with <c>--out</c>, writes the model.
/// </summary>
internal static class TrainIntentsCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, int folds, double l2, CancellationToken cancellationToken)
    {
        var path = args.Get("data") ?? Path.Combine("eval", "intents", "dev");
        var labelled = new List<(string Text, Intent Intent, string Source)>();
        labelled.AddRange(IntentExamples.All.Select(e => (e.Text, e.Intent, "intent-examples.jsonl")));
        foreach (var part in path.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var file in QuestionFileArgument.Resolve(part))
            {
                var (read, problems) = await JsonLines.ReadAsync<LabelledMessage>(
                    [file], item => item is { Text.Length: > 0 } && Enum.TryParse<Intent>(item.Intent, out _) ? null : "needs 'text' and a known 'intent'.", CommandLine.Json, cancellationToken);
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync($"{problem} Skipped.");
                }

                labelled.AddRange(read.Select(m => (m.Text!, Enum.Parse<Intent>(m.Intent!), Path.GetFileName(file))));
            }
        }

        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var analyzer = services.GetRequiredService<MessageAnalyzer>();
        var retriever = services.GetRequiredService<HybridRetriever>();
        var features = IntentFeatures.Default;
        var examples = new List<IntentTrainingExample>(labelled.Count);
        foreach (var (text, intent, source) in labelled)
        {
            var analysis = await analyzer.AnalyzeAsync(text, cancellationToken: cancellationToken);
            var passages = retriever.Search(analysis.Text, analysis.Vector.Span);
            examples.Add(new IntentTrainingExample(text, intent, features.Measure(analysis, passages), source));
        }

        var threshold = services.GetRequiredService<IOptions<IntentOptions>>().Value.ConfidenceThreshold;
        var validation = IntentTrainer.CrossValidate(examples, folds, l2, threshold);
        foreach (var (text, label, predicted, confidence) in validation.Misses)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"miss: {text} | {label} -> {predicted} ({confidence:0.00})"));
        }

        var model = IntentTrainer.Fit(examples, features.TextFeatureNames, l2, validation.Temperature);
        var provenance = string.Create(
            CultureInfo.InvariantCulture,
            $"train intents --data {path} --l2 {l2}, {DateTime.UtcNow:yyyy-MM-dd}: {examples.Count} messages, {folds}-fold cross-validated (stratified) at threshold {threshold}: {validation}; by file: {string.Join(", ", validation.BySource.Select(s => $"{s.Key} {s.Value:0.000}"))}");
        await Console.Out.WriteLineAsync(provenance);
        await Console.Out.WriteLineAsync("reliability (cross-validated): confidence bin, messages, mean confidence, accuracy");
        foreach (var bin in validation.Bins)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {bin.Low:0.0}-{bin.High:0.0} {bin.Count,5} {bin.MeanConfidence,6:0.000} {bin.Accuracy,6:0.000}"));
        }

        await Console.Out.WriteLineAsync("clarification threshold: messages asked about, misses acted on");
        foreach (var (at, clarified, wrongConfident) in validation.Thresholds)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {at:0.00} {clarified,6:0.000} {wrongConfident,6:0.000}"));
        }

        if (args.Get("out") is { } output)
        {
            await File.WriteAllTextAsync(output, model.WithProvenance(provenance).ToJson(), cancellationToken);
            await Console.Out.WriteLineAsync($"wrote {output}");
        }

        return 0;
    }

    private sealed record LabelledMessage(string? Text, string? Intent);
}
