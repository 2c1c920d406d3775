namespace Chatbot.Tools.Benchmarks.Knowledge;

/// <summary>A question whose top k missed at least one relevant document.</summary>
/// <param name="Question">The question.</param>
/// <param name="Relevant">The documents that answer it.</param>
/// <param name="Retrieved">The documents of the top k passages, best first.</param>
public sealed record RecallMiss(string Question, IReadOnlyList<string> Relevant, IReadOnlyList<string> Retrieved);
