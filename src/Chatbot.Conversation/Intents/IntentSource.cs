namespace Chatbot.Conversation.Intents;

/// <summary>Which stage of the <see cref="IntentRecognizer"/> decided an <see cref="IntentResult"/>.</summary>
public enum IntentSource
{
    /// <summary>An exact or regular-expression rule for a command or an unambiguous form.</summary>
    Rule,

    /// <summary>The intent classifier (<see cref="IntentModel"/>).</summary>
    Model,

    /// <summary>The message had no text to recognise.</summary>
    Empty,
}
