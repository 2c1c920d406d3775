namespace Chatbot.AI.Responding;

/// <summary>What the responder does with sentences the grounding check flags (<c>Grounding:Policy</c>).</summary>
public enum GroundingPolicy
{
    /// <summary>Shows every sentence as the model wrote it, streamed as it is written, with flagged ones marked ⚠: for people learning about AI.</summary>
    Flag,

    /// <summary>
    /// Shows only checked text: a wrong citation is pointed at the source that supports the sentence, unsupported and
    /// contradicted sentences are withheld, and an answer too little of which survives is replaced by the extractive
    /// answer. For customer-facing pilots.
    /// </summary>
    Repair,
}
