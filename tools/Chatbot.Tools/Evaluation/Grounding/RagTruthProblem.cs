namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>A line of a RAGTruth file that could not be read and was skipped.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Message">What was wrong with it.</param>
public sealed record RagTruthProblem(int Line, string Message);
