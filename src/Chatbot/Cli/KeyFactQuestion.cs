using System.Text.Json.Serialization;
using Chatbot.Tools;

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
        var (questions, problems) = await JsonLines.ReadAsync<KeyFactQuestion>(
            QuestionFileArgument.Resolve(path),
            item => item is { Question.Length: > 0, KeyFacts.Count: > 0 } && item.KeyFacts.All(f => f is { Count: > 0 })
                ? null : "needs 'question' and 'key_facts', each fact with at least one alternative.",
            CommandLine.Json,
            cancellationToken);
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"{problem} Skipped.");
        }

        return questions;
    }
}
