using Chatbot.Conversation.Intents;

namespace Chatbot.Tools.Evaluation.Intents;

/// <summary>A line of an evaluation file that was recognised as another intent than its label.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Text">The utterance.</param>
/// <param name="Expected">Its label.</param>
/// <param name="Actual">What the recognizer said.</param>
/// <param name="Confidence">The recognizer's confidence in <paramref name="Actual"/>.</param>
public sealed record IntentConfusion(int Line, string Text, Intent Expected, Intent Actual, double Confidence);
