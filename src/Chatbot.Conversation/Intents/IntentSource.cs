namespace Chatbot.Conversation.Intents;

/// <summary>Which stage of the <see cref="IntentRecognizer"/> decided an <see cref="IntentResult"/>.</summary>
public enum IntentSource
{
    /// <summary>An exact or regular-expression rule for a command or an unambiguous form.</summary>
    Rule,

    /// <summary>The similarity-weighted vote of the nearest labelled example utterances.</summary>
    Similarity,

    /// <summary>The message had no text to recognise.</summary>
    Empty,

    /// <summary>A knowledge-base passage matched the message closely, so it is answered as a question.</summary>
    Knowledge,
}
