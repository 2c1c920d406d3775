namespace Chatbot.Grounding;

/// <summary>What the grounding check says of one sentence.</summary>
public enum GroundingVerdict
{
    /// <summary>The cited source (or, with no citation, a retrieved source) says it.</summary>
    Supported,

    /// <summary>No source says it: a likely hallucination.</summary>
    Unsupported,

    /// <summary>A source says otherwise (a number, date, name or negation differs).</summary>
    Contradicted,

    /// <summary>Supported by a source, but not by the one it cites (or it cites a source that does not exist).</summary>
    WrongCitation,
}
