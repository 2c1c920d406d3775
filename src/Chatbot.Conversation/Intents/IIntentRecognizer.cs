using Chatbot.AI.Understanding;

namespace Chatbot.Conversation.Intents;

/// <summary>Recognises the <see cref="Intent"/> of one user message.</summary>
public interface IIntentRecognizer
{
    /// <summary>Recognises what the analysed message asks for.</summary>
    /// <param name="analysis">The turn's analysis of the message (normalized text, its vector, compared things); an empty message gives an unconfident result.</param>
    /// <param name="cancellationToken">Cancels the recognition.</param>
    /// <returns>The likeliest intent, the runner-up and any entities the recognizer could extract.</returns>
    Task<IntentResult> RecognizeAsync(MessageAnalysis analysis, CancellationToken cancellationToken = default);
}
