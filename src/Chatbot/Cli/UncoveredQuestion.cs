using System.Text.Json.Serialization;
using Chatbot.Tools;

namespace Chatbot.Cli;

/// <summary>A question the knowledge does not answer, as written in eval (<c>{"question", "covered": false}</c>).</summary>
/// <param name="Question">The question.</param>
/// <param name="Covered">Must be false: the line says the knowledge does not cover the question.</param>
public sealed record UncoveredQuestion(string Question, [property: JsonPropertyName("covered")] bool? Covered)
{
    /// <summary>Every uncovered question in the .jsonl file (or folder of them) at <paramref name="path"/>; other lines are skipped silently.</summary>
    public static async Task<List<UncoveredQuestion>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var (questions, _) = await JsonLines.ReadAsync<UncoveredQuestion>(
            QuestionFileArgument.Resolve(path),
            item => item is { Question.Length: > 0, Covered: false } ? null : "not an uncovered question.",
            CommandLine.Json,
            cancellationToken);
        return questions;
    }
}
