using System.Globalization;
using Chatbot.AI.Extractive;
using Chatbot.AI.Prompting;
using Chatbot.AI.Responding;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Tools.Training.Ranking;

namespace Chatbot.Cli;

/// <summary>
/// <c>train ranker</c>: fits the extractive composer's sentence ranker to questions with key facts,
/// reports its cross-validated key-fact rate and, with <c>--out</c>, writes the model the library embeds.
/// </summary>
public static class TrainCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        args.AllowOnly("data", "out", "folds", "l2", "sentences");
        if (args.Positional is not ["ranker"])
        {
            throw new CliUsageException("Say what to train: train ranker.");
        }

        var folds = Number(args, "folds", 5);
        var length = args.Get("sentences") is null ? AnswerLength.For(AnswerStyle.Standard) : AnswerLength.Fixed(Number(args, "sentences", 4));
        var l2 = double.TryParse(args.Get("l2") ?? "1", CultureInfo.InvariantCulture, out var penalty) && penalty >= 0
            ? penalty : throw new CliUsageException("--l2 takes a number of zero or more.");
        var path = args.Get("data") ?? Path.Combine("eval", "answers");
        var questions = await KeyFactQuestion.ReadAsync(path, cancellationToken);
        if (questions.Count < folds)
        {
            throw new CliUsageException($"{path} holds {questions.Count} questions with key facts; training needs at least {folds}.");
        }

        var examples = await RankAsync(services, questions, cancellationToken);

        foreach (var example in examples.Where(e => !e.Reachable))
        {
            await Console.Error.WriteLineAsync($"out of reach: {example.Question} | no relevant sentence holds {string.Join("; ", example.UnreachableFacts)}");
        }

        var evaluation = SentenceRankerTrainer.CrossValidate(examples, folds, length, l2);
        foreach (var question in evaluation.Missed)
        {
            await Console.Error.WriteLineAsync($"ranked out: {question}");
        }

        var ranker = SentenceRankerTrainer.Fit(examples, l2);
        var inSample = examples.Count(e => SentenceRankerTrainer.Covers(e, s => ranker.Score([.. s.Features]), length)) / (double)examples.Count;
        var provenance = string.Create(
            CultureInfo.InvariantCulture,
            $"train ranker --data {path}{(args.Get("sentences") is { } fixedLength ? $" --sentences {fixedLength}" : "")} --l2 {l2}, {DateTime.UtcNow:yyyy-MM-dd}: {folds}-fold cross-validated {evaluation}; in-sample {inSample:0.000}");
        await Console.Out.WriteLineAsync(provenance);
        for (var i = 0; i < SentenceRanker.FeatureNames.Count; i++)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {SentenceRanker.FeatureNames[i],-14} {ranker.Weights[i],7:+0.000;-0.000}"));
        }

        if (args.Get("out") is { } output)
        {
            await File.WriteAllTextAsync(output, ranker.WithProvenance(provenance).ToJson(), cancellationToken);
            await Console.Out.WriteLineAsync($"wrote {output}");
        }

        return 0;
    }

    private static async Task<List<RankingExample>> RankAsync(IServiceProvider services, IReadOnlyList<KeyFactQuestion> questions, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var responder = services.GetRequiredService<Responder>();
        var composer = services.GetRequiredService<ExtractiveComposer>();
        var examples = new List<RankingExample>();
        foreach (var question in questions)
        {
            var prompt = await responder.PreparePromptAsync(new ResponderRequest(question.Question), cancellationToken);
            examples.Add(new RankingExample(question.Question, await composer.RankAsync(prompt, cancellationToken), question.KeyFacts!));
        }

        return examples;
    }

    private static int Number(CliArguments args, string name, int fallback) =>
        args.Get(name) is not { } text ? fallback
        : int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new CliUsageException($"--{name} takes a whole number above zero.");
}
