using System.Text.Json;
using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;

namespace Chatbot.Cli;

/// <summary><c>intent "text" --json</c> or <c>intent --file F</c>: what the bot would make of a message.</summary>
public static class IntentCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        args.AllowOnly("json", "file");
        IReadOnlyList<string> utterances;
        if (args.Get("file") is { } file)
        {
            utterances = File.Exists(file)
                ? (await File.ReadAllLinesAsync(file, cancellationToken)).Where(l => l.Trim().Length > 0).ToArray()
                : throw new CliUsageException($"No such file: {file}");
        }
        else
        {
            var text = string.Join(' ', args.Positional).Trim();
            utterances = text.Length > 0 ? [text] : throw new CliUsageException("Give a message, or --file with one message per line.");
        }

        var recognizer = services.GetRequiredService<IIntentRecognizer>();
        var analyzer = services.GetRequiredService<MessageAnalyzer>();
        foreach (var utterance in utterances)
        {
            var result = await recognizer.RecognizeAsync(await analyzer.AnalyzeAsync(utterance, cancellationToken: cancellationToken), cancellationToken);
            var line = args.Has("json") || args.Has("file")
                ? JsonSerializer.Serialize(new { intent = result.Intent.ToString(), confidence = Math.Round(result.Confidence, 2) })
                : $"{result.Intent} ({result.Confidence:F2}{(result.IsConfident ? string.Empty : $", unsure; next: {result.RunnerUp} {result.RunnerUpConfidence:F2}")})";
            await Console.Out.WriteLineAsync(line);
        }

        return 0;
    }
}
