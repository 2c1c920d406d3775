namespace Chatbot.AI.Prompting;

/// <summary>What the model is asked to do.</summary>
public enum PromptKind
{
    /// <summary>Answer a question.</summary>
    Ask,

    /// <summary>Compare two or more subjects: what they share, then how they differ.</summary>
    Compare,

    /// <summary>Check a claim: Supported, Contradicted or Not covered by my sources, with quoted, cited evidence.</summary>
    CheckClaim,
}
