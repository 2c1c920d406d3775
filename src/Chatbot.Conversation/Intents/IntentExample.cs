namespace Chatbot.Conversation.Intents;

/// <summary>A labelled example utterance the <see cref="IntentModel"/> is trained on.</summary>
/// <param name="Intent">What the utterance asks for.</param>
/// <param name="Text">The utterance as a user might type it.</param>
public sealed record IntentExample(Intent Intent, string Text);
