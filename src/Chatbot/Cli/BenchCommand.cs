using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.AI.Responding;
using Chatbot.AI.Understanding;
using Chatbot.Conversation;
using Chatbot.Conversation.Answering;
using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Welcome;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Chatbot.Tools;
using Chatbot.Tools.Benchmarks.Dialog;
using Chatbot.Tools.Benchmarks.Knowledge;
using Chatbot.Tools.Evaluation.Intents;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatbot.Cli;

/// <summary>
/// <c>bench</c>: the measurements behind the targets in the issues, printed as JSON lines
/// (retrieval recall, index scale, extractive answer quality). Medians and ratios come from one run.
/// </summary>
public static partial class BenchCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        args.AllowOnly("data", "k", "sizes", "queries", "json", "seconds", "connections", "out", "scenarios", "sample-seconds");
        var what = args.Positional.Count == 1 ? args.Positional[0].ToLowerInvariant() : throw new CliUsageException("Say what to measure: bench retrieval | scale | answers | uncovered | faq | intents | dialog | overhead | turns.");
        return what switch
        {
            "retrieval" => await RetrievalAsync(services, args, cancellationToken),
            "scale" => await ScaleAsync(services, args, cancellationToken),
            "answers" => await AnswersAsync(services, args, cancellationToken),
            "uncovered" => await UncoveredAsync(services, args, cancellationToken),
            "faq" => await FaqAsync(services, args, cancellationToken),
            "intents" => await IntentsAsync(services, args, cancellationToken),
            "dialog" => await DialogAsync(services, args, cancellationToken),
            "overhead" => await OverheadAsync(services, args, cancellationToken),
            "turns" => await BenchTurnsCommand.RunAsync(args, cancellationToken),
            _ => throw new CliUsageException($"Unknown benchmark '{what}': retrieval, scale, answers, uncovered, faq, intents, dialog, overhead or turns."),
        };
    }

    private static async Task<int> RetrievalAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var k = int.TryParse(args.Get("k") ?? "5", out var parsed) && parsed > 0 ? parsed : throw new CliUsageException("--k must be a positive whole number.");
        var path = args.Get("data") ?? Path.Combine("eval", "retrieval");
        _ = QuestionFileArgument.Resolve(path); // a missing path is a usage error, not a crash
        var result = await CreateKnowledgeBenchmark(services).MeasureRecallAsync(path, k, cancellationToken: cancellationToken);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, CommandLine.Json));
        return 0;
    }

    private static async Task<int> ScaleAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        var sizes = (args.Get("sizes") ?? "1000,10000,100000").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var n) && n > 0 ? n : throw new CliUsageException($"--sizes: '{s}' is not a positive whole number."))
            .ToArray();
        var queries = int.TryParse(args.Get("queries") ?? "200", out var q) && q > 0 ? q : throw new CliUsageException("--queries must be a positive whole number.");
        var result = await CreateKnowledgeBenchmark(services).MeasureScaleAsync(
            sizes, queries, new Progress<string>(line => Console.Error.WriteLine(line)), cancellationToken);
        await Console.Error.WriteLineAsync(result.Description);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, CommandLine.Json));
        return 0;
    }

    /// <summary>
    /// Asks each question the knowledge does not cover and counts the answers that say so instead of quoting
    /// something: the share refused, which should be high.
    /// </summary>
    private static async Task<int> UncoveredAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var responder = services.GetRequiredService<Responder>();
        var path = args.Get("data") ?? Path.Combine("eval", "uncovered", "dev.jsonl");
        int questions = 0, refused = 0;
        foreach (var item in await UncoveredQuestion.ReadAsync(path, cancellationToken))
        {
            var answer = await responder.AnswerAsync(new ResponderRequest(item.Question), cancellationToken);
            questions++;
            if (!answer.Covered)
            {
                refused++;
            }
            else
            {
                await Console.Error.WriteLineAsync($"answered: {item.Question} | {answer.Text.Split('\n')[0]}");
            }
        }

        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { questions, not_covered = Ratio(refused, questions) }, CommandLine.Json));
        return 0;
    }

    /// <summary>
    /// Asks each paraphrase of a FAQ question (<c>{"question", "expected": the entry's main question, or null when no
    /// entry answers it}</c>) and counts how often the curated answer given is the expected one, or none is given when none is.
    /// </summary>
    private static async Task<int> FaqAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var responder = services.GetRequiredService<Responder>();
        var path = args.Get("data") ?? throw new CliUsageException("bench faq needs --data: paraphrases with the question each expects.");
        var (items, problems) = await JsonLines.ReadAsync<FaqParaphrase>(QuestionFileArgument.Resolve(path), item => item is { Question.Length: > 0 } ? null : "needs 'question'.", CommandLine.Json, cancellationToken);
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"{problem} Skipped.");
        }

        int matched = 0, right = 0, unmatched = 0, rightlyNone = 0, offered = 0;
        foreach (var item in items)
        {
            var answer = await responder.AnswerAsync(new ResponderRequest(item.Question), cancellationToken);
            var won = string.Equals(answer.CuratedQuestion, item.Expected, StringComparison.OrdinalIgnoreCase);
            offered += answer.CuratedQuestion is null && item.Expected is not null && answer.Suggestions.Contains(item.Expected, StringComparer.OrdinalIgnoreCase) ? 1 : 0;
            if (item.Expected is null)
            {
                unmatched++;
                rightlyNone += answer.CuratedQuestion is null ? 1 : 0;
            }
            else
            {
                matched++;
                right += won ? 1 : 0;
            }

            if (!won)
            {
                await Console.Error.WriteLineAsync($"miss: {item.Question} | expected {item.Expected ?? "none"} | got {answer.CuratedQuestion ?? "none"}{(answer.Suggestions.Count > 0 ? " | offered " + string.Join(" / ", answer.Suggestions) : string.Empty)}");
            }
        }

        var summary = new { paraphrases = matched, entry_wins = Ratio(right, matched), offered_when_not_won = Ratio(offered, matched), unanswered_by_faq = unmatched, no_false_match = Ratio(rightlyNone, unmatched) };
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(summary, CommandLine.Json));
        return 0;
    }

    private sealed record FaqParaphrase(string Question, string? Expected);

    /// <summary>
    /// Answers each held-out question and checks that it cites a source and contains the key facts
    /// listed for it (each fact: any one of its alternatives, case-insensitive).
    /// </summary>
    private static async Task<int> AnswersAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var responder = services.GetRequiredService<Responder>();
        var path = args.Get("data") ?? Path.Combine("eval", "answers");
        var timings = new List<double>();
        var words = new List<double>();
        var passages = new List<double>();
        int questions = 0, cited = 0, complete = 0, flagged = 0, sentences = 0, firstCitesOne = 0, refused = 0;
        // --out keeps every answer (question, text, missing facts) for reading, one JSON object a line.
        await using var output = args.Get("out") is { } outPath ? new StreamWriter(outPath) : null;
        foreach (var item in await KeyFactQuestion.ReadAsync(path, cancellationToken))
        {
            var watch = Stopwatch.StartNew();
            var answer = await responder.AnswerAsync(new ResponderRequest(item.Question), cancellationToken);
            timings.Add(watch.Elapsed.TotalMilliseconds);
            questions++;
            sentences += answer.Sentences.Count;
            words.Add(answer.Sentences.Sum(s => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => !CitationMarker().IsMatch(w))));
            var hasCitation = answer.Sentences.Any(s => s.Citations.Any(n => answer.Citations.Any(c => c.Number == n)));
            passages.Add(answer.Citations.Sum(c => c.CitedPassages.Count));
            refused += answer.Covered ? 0 : 1;
            firstCitesOne += answer.Sentences.SelectMany(s => s.Citations).Take(1).All(n => n == 1) ? 1 : 0;
            var missing = item.KeyFacts!.Where(fact => !fact.Any(alt => answer.Text.Contains(alt, StringComparison.OrdinalIgnoreCase))).ToList();
            cited += hasCitation ? 1 : 0;
            complete += missing.Count == 0 ? 1 : 0;
            flagged += answer.Flagged ? 1 : 0;
            if (output is not null)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { question = item.Question, answer = answer.Text, missing = missing.Select(f => f[0]) }, CommandLine.Json));
            }

            if (!hasCitation || missing.Count > 0)
            {
                await Console.Error.WriteLineAsync($"miss: {item.Question} | missing {string.Join("; ", missing.Select(f => string.Join("/", f)))}{(hasCitation ? string.Empty : " | no citation")}");
            }
        }

        timings.Sort();
        words.Sort();
        var summary = new
        {
            backend = responder.BackendName,
            questions,
            with_citation = Ratio(cited, questions),
            with_all_key_facts = Ratio(complete, questions),
            flagged_answers = Ratio(flagged, questions),
            sentences_mean = Math.Round((double)sentences / Math.Max(1, questions), 2),
            passages_mean = Math.Round(passages.DefaultIfEmpty().Average(), 2),
            at_most_two_passages = Ratio(passages.Count(p => p <= 2), questions),
            first_citation_is_one = Ratio(firstCitesOne, questions),
            not_covered = Ratio(refused, questions),
            words_p50 = Percentile(words, 0.50),
            p50_ms = Percentile(timings, 0.50),
            p95_ms = Percentile(timings, 0.95),
        };
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(summary, CommandLine.Json));
        return 0;
    }

    /// <summary>
    /// Everything but the model's own time: the responder (retrieval, prompt, pipeline, grounding
    /// check) around a model that answers instantly, over the held-out retrieval questions.
    /// </summary>
    private static async Task<int> OverheadAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var path = args.Get("data") ?? Path.Combine("eval", "retrieval");
        var (items, _) = await JsonLines.ReadAsync<KeyFactQuestion>(
            QuestionFileArgument.Resolve(path), q => string.IsNullOrWhiteSpace(q.Question) ? "needs a question." : null, CommandLine.Json, cancellationToken);
        var questions = items.Select(q => q.Question).ToList();
        if (questions.Count == 0)
        {
            throw new CliUsageException($"{path} has no questions (JSON lines with a \"question\").");
        }

        using var instant = new InstantChatClient();
        var pipeline = services.GetRequiredService<Chatbot.AI.Pipeline.ChatPipelineFactory>().Build(instant);
        var responder = ActivatorUtilities.CreateInstance<Responder>(services, pipeline);
        await responder.AnswerAsync(new ResponderRequest(questions[0]), cancellationToken); // warm-up, untimed

        var timings = new List<double>();
        foreach (var question in questions)
        {
            var watch = Stopwatch.StartNew();
            await responder.AnswerAsync(new ResponderRequest(question), cancellationToken);
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
        {
            questions = timings.Count,
            p50_ms = Percentile(timings, 0.50),
            p95_ms = Percentile(timings, 0.95),
            max_ms = Percentile(timings, 1.0),
        }, CommandLine.Json));
        return 0;
    }

    private static async Task<int> IntentsAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        var path = args.Get("data") ?? Path.Combine("eval", "intents", "heldout");
        // The knowledge base's match is one of the classifier's features: the index is built as the bot builds it.
        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var evaluator = new IntentEvaluator(services.GetRequiredService<IIntentRecognizer>(), services.GetRequiredService<MessageAnalyzer>());
        foreach (var file in QuestionFileArgument.Resolve(path))
        {
            var result = await evaluator.EvaluateAsync(file, cancellationToken);
            foreach (var problem in result.Problems)
            {
                await Console.Error.WriteLineAsync($"{file}:{problem.Line}: skipped: {problem.Message}");
            }

            foreach (var miss in result.Confusions)
            {
                await Console.Error.WriteLineAsync($"miss: {Path.GetFileName(file)} line {miss.Line} \"{miss.Text}\" expected {miss.Expected}, got {miss.Actual} ({miss.Confidence:F2})");
            }

            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { file, result }, CommandLine.Json));
        }

        return 0;
    }

    /// <summary>
    /// Sends each question (<c>{"question", "covered"}</c>) as a new conversation's first message through the main dialog,
    /// as the bot runs it, and counts how the turns ended: covered questions answered or refused, uncovered ones refused
    /// with a person offered. Each question's outcome goes to stderr.
    /// </summary>
    private static async Task<int> DialogAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var path = args.Get("data") ?? throw new CliUsageException("bench dialog needs --data: customer questions, with \"covered\": false on those the documents do not answer.");
        var bot = services.GetRequiredService<IConfiguration>().GetSection(BotOptions.SectionName).Get<BotOptions>() ?? new BotOptions();
        var introduction = new BotIntroduction(Options.Create(bot), services.GetRequiredService<IOptions<KnowledgeOptions>>(), services.GetRequiredService<KnowledgeIndex>());
        MainDialog CreateDialog(ConversationState conversation, UserState user) => ActivatorUtilities.CreateInstance<MainDialog>(
            services,
            conversation,
            new LevelDialog(user),
            new FeedbackDialog(conversation),
            new ResetDialog(conversation),
            ActivatorUtilities.CreateInstance<QuestionAnswerer>(services, conversation, user),
            new HandoffInitiator(conversation, Options.Create(new HandoffOptions()), NullLogger<HandoffInitiator>.Instance),
            introduction);

        var benchmark = new PilotDialogBenchmark(CreateDialog);
        foreach (var file in QuestionFileArgument.Resolve(path))
        {
            var (questions, problems) = await JsonLines.ReadAsync<DialogQuestion>([file], item => item is { Question.Length: > 0 } ? null : "needs 'question'.", CommandLine.Json, cancellationToken);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"{problem} Skipped.");
            }

            var (result, turns) = await benchmark.RunAsync(questions, cancellationToken);
            foreach (var (question, outcome, reply) in turns)
            {
                await Console.Error.WriteLineAsync($"{(question.Covered ?? true ? "covered" : "uncovered")} {outcome}: {question.Question} | {reply}");
            }

            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new { file, result }, CommandLine.Json));
        }

        return 0;
    }

    /// <summary>The retrieval benchmark over the app's retriever and settings; built here because the host never registers tools.</summary>
    private static KnowledgeBenchmark CreateKnowledgeBenchmark(IServiceProvider services) => new(
        services.GetRequiredService<HybridRetriever>(),
        services.GetRequiredService<IOptions<KnowledgeOptions>>().Value);

    /// <summary>The nearest-rank percentile of sorted timings, in ms to one decimal (0 when there are none).</summary>
    private static double Percentile(List<double> sorted, double quantile)
        => sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * quantile))], 1);

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 3);

    [GeneratedRegex(@"^\[\d+\][.,;:]?$")]
    private static partial Regex CitationMarker();
}
