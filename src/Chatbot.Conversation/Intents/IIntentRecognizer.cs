namespace Chatbot.Conversation.Intents;

/// <summary>Recognises the <see cref="Intent"/> of one user message.</summary>
public interface IIntentRecognizer
{
    /// <summary>Recognises what <paramref name="utterance"/> asks for.</summary>
    /// <param name="utterance">The user's message text; empty or white space gives an unconfident result.</param>
    /// <param name="cancellationToken">Cancels the recognition.</param>
    /// <returns>The likeliest intent, the runner-up and any entities the recognizer could extract.</returns>
    Task<IntentResult> RecognizeAsync(string utterance, CancellationToken cancellationToken = default);
}
