using System.Globalization;
using Chatbot.AI.Extractive;
using Chatbot.AI.Prompting;
using Chatbot.AI.Responding;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Tools;
using Chatbot.Tools.Training.Answerability;
using Chatbot.Tools.Training.Curated;
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
        args.AllowOnly("data", "out", "folds", "l2", "sentences", "uncovered", "max-false-refusals", "max-wrong");
        if (args.Positional is ["curated"])
        {
            return await TrainCuratedAsync(services, args, cancellationToken);
        }

        if (args.Positional is ["intents"])
        {
            // Hundreds of embedding dimensions on a thousand messages: a lighter penalty than the small models'.
            return await TrainIntentsCommand.RunAsync(services, args, Number(args, "folds", 5), Penalty(args, fallback: 0.01), cancellationToken);
        }

        if (args.Positional is ["answerability"])
        {
            return await TrainAnswerabilityAsync(services, args, cancellationToken);
        }

        if (args.Positional is not ["ranker"])
        {
            throw new CliUsageException("Say what to train: train ranker | answerability | curated | intents.");
        }

        var folds = Number(args, "folds", 5);
        var length = args.Get("sentences") is null ? AnswerLength.For(AnswerStyle.Standard) : AnswerLength.Fixed(Number(args, "sentences", 4));
        var l2 = Penalty(args);
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
        await ReportAsync(args, provenance, SentenceRanker.FeatureNames, ranker.Weights, () => ranker.WithProvenance(provenance).ToJson(), cancellationToken);
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

    /// <summary>
    /// <c>train answerability</c>: fits the model that decides when the sources do not answer a question, to the
    /// questions with key facts (answerable) and the uncovered ones; the threshold keeps cross-validated false
    /// refusals within <c>--max-false-refusals</c> (0.03).
    /// </summary>
    private static async Task<int> TrainAnswerabilityAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        var folds = Number(args, "folds", 5);
        var l2 = Penalty(args);
        var budget = Share(args, "max-false-refusals", 0.03);
        var path = args.Get("data") ?? Path.Combine("eval", "answers");
        var uncoveredPath = args.Get("uncovered") ?? Path.Combine("eval", "uncovered", "dev.jsonl");
        // Each may list several files or folders, separated by commas: a pilot's questions next to the built-in ones.
        var answerable = await ReadEachAsync(path, part => KeyFactQuestion.ReadAsync(part, cancellationToken));
        var uncovered = await ReadEachAsync(uncoveredPath, part => UncoveredQuestion.ReadAsync(part, cancellationToken));
        if (answerable.Count < folds || uncovered.Count < folds)
        {
            throw new CliUsageException($"Training needs at least {folds} answerable questions (in {path}) and {folds} uncovered ones (in {uncoveredPath}).");
        }

        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var responder = services.GetRequiredService<Responder>();
        var composer = services.GetRequiredService<ExtractiveComposer>();
        var examples = new List<AnswerabilityExample>();
        foreach (var (question, covered) in answerable.Select(q => (q.Question, true)).Concat(uncovered.Select(q => (q.Question, false))))
        {
            var prompt = await responder.PreparePromptAsync(new ResponderRequest(question), cancellationToken);
            examples.Add(new AnswerabilityExample(question, await composer.MeasureAnswerabilityAsync(prompt, cancellationToken), covered, ExtractiveComposer.IsPilotQuestion(prompt)));
        }

        // Folds take every k-th question; shuffle answerable and uncovered together so each fold holds both. The
        // articles' questions and the pilot's each get the threshold that keeps their own false refusals in budget.
        var shuffled = examples.OrderBy(e => StableHash(e.Question)).ToList();
        var probabilities = AnswerabilityTrainer.OutOfFold(shuffled, folds, l2);
        var articles = Enumerable.Range(0, shuffled.Count).Where(i => !shuffled[i].Pilot).ToList();
        var pilot = Enumerable.Range(0, shuffled.Count).Where(i => shuffled[i].Pilot).ToList();
        var evaluation = AnswerabilityTrainer.Choose([.. articles.Select(i => shuffled[i])], [.. articles.Select(i => probabilities[i])], budget);
        var pilotEvaluation = pilot.Count(i => shuffled[i].Answerable) >= folds && pilot.Count(i => !shuffled[i].Answerable) >= folds
            ? AnswerabilityTrainer.Choose([.. pilot.Select(i => shuffled[i])], [.. pilot.Select(i => probabilities[i])], budget)
            : null;
        var model = AnswerabilityTrainer.Fit(shuffled, evaluation.Threshold, l2).WithPilotThreshold(pilotEvaluation?.Threshold ?? evaluation.Threshold);
        var provenance = string.Create(
            CultureInfo.InvariantCulture,
            $"train answerability --data {path} --uncovered {uncoveredPath} --max-false-refusals {budget} --l2 {l2}, {DateTime.UtcNow:yyyy-MM-dd}: {folds}-fold cross-validated, articles {evaluation}; pilot {(pilotEvaluation?.ToString() ?? "too few questions, the articles' threshold")}");
        await ReportAsync(args, provenance, AnswerabilityModel.FeatureNames, model.Weights, () => model.WithProvenance(provenance).ToJson(), cancellationToken);
        return 0;
    }

    /// <summary>
    /// <c>train curated</c>: fits the model that decides when a message asks a FAQ entry, to paraphrases of FAQ questions
    /// (<c>{"question", "expected": the entry's main question, or null when no entry answers it}</c>; several files or
    /// folders separated by commas) with the FAQ of the configured pilot folders indexed. The answer threshold keeps
    /// cross-validated wrong curated answers within <c>--max-wrong</c> (0.03) of all messages.
    /// </summary>
    private static async Task<int> TrainCuratedAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        var folds = Number(args, "folds", 5);
        var l2 = Penalty(args);
        var budget = Share(args, "max-wrong", 0.03);
        var path = args.Get("data") ?? throw new CliUsageException("train curated needs --data: paraphrases of FAQ questions with the question each expects.");
        var items = await ReadEachAsync(path, async part =>
        {
            var (read, problems) = await JsonLines.ReadAsync<Paraphrase>(
                QuestionFileArgument.Resolve(part), item => item is { Question.Length: > 0 } ? null : "needs 'question'.", CommandLine.Json, cancellationToken);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"{problem} Skipped.");
            }

            return read;
        });

        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var responder = services.GetRequiredService<Responder>();
        var examples = new List<CuratedExample>();
        foreach (var item in items)
        {
            var candidates = await responder.WeighCuratedAsync(new ResponderRequest(item.Question), cancellationToken);
            examples.Add(new CuratedExample(item.Question, [.. candidates.Select(c => (c.Entry.Questions[0], c.Features))], item.Expected));
        }

        if (examples.Select(e => e.Group).Distinct(StringComparer.OrdinalIgnoreCase).Count() < folds)
        {
            throw new CliUsageException($"{path} asks fewer than {folds} different entries; training needs more.");
        }

        var (evaluation, _) = CuratedMatchTrainer.CrossValidate(examples, folds, budget, l2);
        var model = CuratedMatchTrainer.Fit(examples, evaluation.Threshold, evaluation.OfferThreshold, l2);
        var provenance = string.Create(
            CultureInfo.InvariantCulture,
            $"train curated --data {path} --max-wrong {budget} --l2 {l2}, {DateTime.UtcNow:yyyy-MM-dd}: {examples.Count} messages, {folds}-fold cross-validated by entry, {evaluation}");
        await ReportAsync(args, provenance, CuratedMatchModel.FeatureNames, model.Weights, () => model.WithProvenance(provenance).ToJson(), cancellationToken);
        return 0;
    }

    private sealed record Paraphrase(string Question, string? Expected);

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>
    /// Prints <paramref name="provenance"/> and each feature's weight and, with <c>--out</c>, writes the model's JSON
    /// (<paramref name="json"/>, the model with its provenance) there.
    /// </summary>
    private static async Task ReportAsync(
        CliArguments args, string provenance, IReadOnlyList<string> features, IReadOnlyList<double> weights, Func<string> json, CancellationToken cancellationToken)
    {
        await Console.Out.WriteLineAsync(provenance);
        for (var i = 0; i < features.Count; i++)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {features[i],-14} {weights[i],7:+0.000;-0.000}"));
        }

        if (args.Get("out") is { } output)
        {
            await File.WriteAllTextAsync(output, json(), cancellationToken);
            await Console.Out.WriteLineAsync($"wrote {output}");
        }
    }

    /// <summary>What <paramref name="read"/> reads from each file or folder of <paramref name="paths"/>, a list separated by commas, in order.</summary>
    private static async Task<List<T>> ReadEachAsync<T>(string paths, Func<string, Task<List<T>>> read)
    {
        var items = new List<T>();
        foreach (var part in paths.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            items.AddRange(await read(part));
        }

        return items;
    }

    /// <summary>The L2 penalty of the fit: <c>--l2</c>, zero or more (<paramref name="fallback"/> when not given).</summary>
    private static double Penalty(CliArguments args, double fallback = 1) =>
        args.Get("l2") is null ? fallback : double.TryParse(args.Get("l2"), CultureInfo.InvariantCulture, out var penalty) && penalty >= 0
            ? penalty : throw new CliUsageException("--l2 takes a number of zero or more.");

    /// <summary>The option <paramref name="name"/> as a share from 0 (included) to 1 (excluded), <paramref name="fallback"/> when not given.</summary>
    private static double Share(CliArguments args, string name, double fallback) =>
        args.Get(name) is not { } text ? fallback
        : double.TryParse(text, CultureInfo.InvariantCulture, out var share) && share is >= 0 and < 1 ? share
        : throw new CliUsageException($"--{name} takes a share from 0 to 1.");

    private static int Number(CliArguments args, string name, int fallback) =>
        args.Get(name) is not { } text ? fallback
        : int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new CliUsageException($"--{name} takes a whole number above zero.");
}
