namespace Chatbot.Grounding.Features;

/// <summary>How the best evidence sentence disagrees with a claim, if it does.</summary>
public enum ConflictKind
{
    /// <summary>No disagreement found.</summary>
    None,

    /// <summary>The evidence gives other numbers or dates for the same thing.</summary>
    Number,

    /// <summary>One of claim and evidence is negated, the other is not.</summary>
    Negation,

    /// <summary>The evidence names someone or something else for the same thing.</summary>
    Name,
}
