using System.Text.Json;
using Chatbot.Grounding;
using Chatbot.Tools.Evaluation.Grounding;

namespace Chatbot.Cli;

/// <summary><c>eval ragtruth --data FILE</c>: scores the hallucination check on labelled answers.</summary>
public static class EvalCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        args.AllowOnly("data", "json", "out", "set-aside");
        if (args.Positional is not ["ragtruth"])
        {
            throw new CliUsageException("The only evaluation is 'ragtruth': eval ragtruth --data FILE [--set-aside FILE] [--json] [--out FILE].");
        }

        var data = args.Get("data") ?? throw new CliUsageException("--data FILE is required (records in the format of RAGTruth's qa_train.jsonl).");
        if (!File.Exists(data))
        {
            throw new CliUsageException($"No such file: {data}");
        }

        var evaluator = new RagTruthEvaluator(services.GetRequiredService<GroundingChecker>());
        var (records, problems) = await RagTruthReader.ReadAsync(data, cancellationToken);
        if (args.Get("set-aside") is { } setAsidePath)
        {
            // Scores only the answers a piece of work may be judged on: the set-aside questions stay unread.
            if (!File.Exists(setAsidePath))
            {
                throw new CliUsageException($"No such file: {setAsidePath}");
            }

            var setAside = await RagTruthSetAside.ReadAsync(setAsidePath, cancellationToken);
            records = setAside.Split(records).Development;
        }

        var result = await evaluator.EvaluateAsync(records, problems, cancellationToken);
        foreach (var problem in result.Skipped)
        {
            await Console.Error.WriteLineAsync($"{data}:{problem.Line}: skipped: {problem.Message}");
        }

        if (args.Get("out") is { } output)
        {
            await RagTruthEvaluator.WritePredictionsAsync(result, output, cancellationToken);
        }

        if (args.Has("json"))
        {
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result));
        }
        else
        {
            // Response and sentence scores, then one line per generating model.
            await Console.Out.WriteAsync(result.ToReport());
        }

        return 0;
    }
}
