namespace Chatbot.Dialogs.Choices;

/// <summary>
/// How a prompt shows its choices.
/// </summary>
public enum ListStyle
{
    /// <summary>Don't show the choices; the prompt's text is sent as is.</summary>
    None,

    /// <summary>Let the library choose; here always <see cref="SuggestedAction"/> (channel rendering lives in Chatbot.Conversation).</summary>
    Auto,

    /// <summary>Append the choices to the text: "(1) Red, (2) Green or (3) Blue".</summary>
    Inline,

    /// <summary>Append the choices to the text as a numbered list, one per line.</summary>
    List,

    /// <summary>Show the choices as suggested actions (quick replies).</summary>
    SuggestedAction,

    /// <summary>Show the choices as buttons on a hero card.</summary>
    HeroCard,
}
