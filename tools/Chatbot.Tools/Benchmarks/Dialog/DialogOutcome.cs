namespace Chatbot.Tools.Benchmarks.Dialog;

/// <summary>How one turn of the bot ended, as the customer sees it.</summary>
public enum DialogOutcome
{
    /// <summary>An answer from the documents, with no person offered.</summary>
    Answered,

    /// <summary>The bot said the documents do not cover it and offered a person (the "Talk to a person" button).</summary>
    NotCoveredPersonOffered,

    /// <summary>The bot asked which of two readings was meant.</summary>
    Clarified,

    /// <summary>Anything else: a reply about what the bot covers without a person, help, thanks.</summary>
    Other,
}
