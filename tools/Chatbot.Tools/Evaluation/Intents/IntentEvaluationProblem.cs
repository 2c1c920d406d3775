namespace Chatbot.Tools.Evaluation.Intents;

/// <summary>A line of an evaluation file that could not be read and was skipped.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Message">What was wrong with it.</param>
public sealed record IntentEvaluationProblem(int Line, string Message);
