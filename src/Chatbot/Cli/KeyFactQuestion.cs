using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Knowledge.Benchmarks;

namespace Chatbot.Cli;

/// <summary>A question with the facts a good answer to it holds, as written in eval/answers (<c>{"question", "key_facts": [["alt", ...], ...]}</c>).</summary>
/// <param name="Question">The question.</param>
/// <param name="KeyFacts">Each fact as alternatives, any one of which counts (case-insensitive).</param>
public sealed record KeyFactQuestion(string Question, [property: JsonPropertyName("key_facts")] List<List<string>>? KeyFacts)
{
    /// <summary>
    /// Every question in the .jsonl file at <paramref name="path"/>, or in every .jsonl file of that folder in
    /// name order. A line that is not a question with key facts is reported on stderr and skipped.
    /// </summary>
    public static async Task<List<KeyFactQuestion>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string[] files;
        try
        {
            files = KnowledgeBenchmark.QuestionFiles(path);
        }
        catch (FileNotFoundException)
        {
            throw new CliUsageException($"No such file or folder: {path}");
        }

        var questions = new List<KeyFactQuestion>();
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                KeyFactQuestion? item;
                try
                {
                    item = JsonSerializer.Deserialize<KeyFactQuestion>(line, CommandLine.Json);
                }
                catch (JsonException ex)
                {
                    await Console.Error.WriteLineAsync($"{file}:{lineNumber}: skipped: {ex.Message}");
                    continue;
                }

                if (item is not { Question.Length: > 0, KeyFacts.Count: > 0 } || item.KeyFacts.Any(f => f is not { Count: > 0 }))
                {
                    await Console.Error.WriteLineAsync($"{file}:{lineNumber}: skipped: needs 'question' and 'key_facts', each fact with at least one alternative.");
                    continue;
                }

                questions.Add(item);
            }
        }

        return questions;
    }
}
