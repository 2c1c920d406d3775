using System.Diagnostics;
using System.Text.Json;
using Chatbot.AI.Answers;
using Chatbot.AI.Prompting;
using Chatbot.AI.Responding;
using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Rendering;
using Chatbot.Knowledge.Ingestion;

namespace Chatbot.Cli;

/// <summary><c>ask</c>: answers questions the way the bot does, as JSON or readable text.</summary>
public static class AskCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        args.AllowOnly("json", "file", "kind", "level", "collection", "explain");
        var questions = await ReadQuestionsAsync(args, cancellationToken);
        var level = ParseLevel(args.Get("level"));
        var forcedKind = ParseKind(args.Get("kind"));

        await services.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync(cancellationToken: cancellationToken);
        var responder = services.GetRequiredService<Responder>();
        var intents = services.GetRequiredService<IIntentRecognizer>();
        var analyzer = services.GetRequiredService<MessageAnalyzer>();

        foreach (var question in questions)
        {
            var watch = Stopwatch.StartNew();
            // As in the bot: the message is analysed once, and the intent and the answer read the same analysis.
            var analysis = await analyzer.AnalyzeAsync(question, cancellationToken: cancellationToken);
            var intent = await intents.RecognizeAsync(analysis, cancellationToken);
            var request = new ResponderRequest(question)
            {
                Analysis = analysis,
                Passages = intent.Passages,
                Kind = forcedKind ?? KindOf(intent),
                Style = level,
                Subjects = intent is { Left: { } left, Right: { } right } ? [left, right] : [],
                Collection = args.Get("collection"),
            };
            if (args.Has("explain"))
            {
                await ExplainAsync(services, responder, request, cancellationToken);
            }

            var answer = await responder.AnswerAsync(request, cancellationToken);
            watch.Stop();

            if (args.Has("json"))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(intent.Intent, answer, watch.Elapsed), CommandLine.Json));
            }
            else
            {
                await Console.Out.WriteLineAsync($"Q: {question}   ({intent.Intent}, {answer.Backend}, {watch.Elapsed.TotalMilliseconds:F0} ms)");
                await Console.Out.WriteLineAsync(AnswerRenderer.RenderMarkdown(answer));
                await Console.Out.WriteLineAsync();
            }
        }

        return 0;
    }

    /// <summary>
    /// For <c>--explain</c>, on stderr: the passages retrieved for the question and every sentence the
    /// extractive composer could quote from them, best-ranked first, with its score, its similarity to the question
    /// and whether it may be quoted.
    /// </summary>
    private static async Task ExplainAsync(IServiceProvider services, Responder responder, ResponderRequest request, CancellationToken cancellationToken)
    {
        var prompt = await responder.PreparePromptAsync(request, cancellationToken);
        foreach (var source in prompt.Sources)
        {
            await Console.Error.WriteLineAsync($"[{source.Number}] {source.Title}");
        }

        var ranked = await services.GetRequiredService<Chatbot.AI.Extractive.ExtractiveComposer>().RankAsync(prompt, cancellationToken);
        foreach (var sentence in ranked.OrderByDescending(s => s.Score))
        {
            var text = sentence.Text.Length > 110 ? sentence.Text[..110] + "…" : sentence.Text;
            await Console.Error.WriteLineAsync($"  {sentence.Score,6:F2} {sentence.Features[0],5:F2} {(sentence.Relevant ? ' ' : 'x')} [{sentence.Source}.{sentence.Index}] {text}");
        }
    }

    /// <summary>The JSON shape of one answer.</summary>
    public static object ToJson(Intent intent, Answer answer, TimeSpan elapsed) => new
    {
        intent = intent.ToString(),
        answer = answer.Text,
        backend = answer.Backend,
        notice = answer.Notice,
        citations = answer.Citations.Select(c => new { n = c.Number, title = c.Title, url = c.Url, quote = c.Quote }),
        sentences = answer.Sentences.Select(s => new
        {
            text = s.Text,
            citations = s.Citations,
            verdict = s.Verdict.ToString(),
            score = Math.Round(s.Score, 3),
            spans = s.Spans.Select(p => new { start = p.Start, length = p.Length, text = p.Of(s.Text), instead = p.Instead }),
        }),
        flagged = answer.Flagged,
        ms = Math.Round(elapsed.TotalMilliseconds, 1),
    };

    private static PromptKind KindOf(IntentResult intent) => intent.Intent switch
    {
        Intent.Compare => PromptKind.Compare,
        Intent.CheckClaim => PromptKind.CheckClaim,
        _ => PromptKind.Ask,
    };

    private static async Task<IReadOnlyList<string>> ReadQuestionsAsync(CliArguments args, CancellationToken cancellationToken)
    {
        if (args.Get("file") is { } file)
        {
            if (!File.Exists(file))
            {
                throw new CliUsageException($"No such file: {file}");
            }

            var lines = (await File.ReadAllLinesAsync(file, cancellationToken)).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            return lines.Count > 0 ? lines : throw new CliUsageException($"{file} has no questions (one per line).");
        }

        var question = string.Join(' ', args.Positional).Trim();
        return question.Length > 0 ? [question] : throw new CliUsageException("Give a question, or --file with one question per line.");
    }

    private static AnswerStyle ParseLevel(string? value) => value?.ToLowerInvariant() switch
    {
        null or "standard" => AnswerStyle.Standard,
        "beginner" => AnswerStyle.Beginner,
        "expert" => AnswerStyle.Expert,
        _ => throw new CliUsageException($"--level must be beginner, standard or expert, not '{value}'."),
    };

    private static PromptKind? ParseKind(string? value) => value?.ToLowerInvariant() switch
    {
        null => null,
        "ask" => PromptKind.Ask,
        "compare" => PromptKind.Compare,
        "checkclaim" => PromptKind.CheckClaim,
        _ => throw new CliUsageException($"--kind must be ask, compare or checkclaim, not '{value}'."),
    };
}
