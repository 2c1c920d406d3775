namespace Chatbot.AI.Prompting;

/// <summary>How the answer is written, by the reader's level.</summary>
public enum AnswerStyle
{
    /// <summary>Plain words, terms defined, short.</summary>
    Beginner,

    /// <summary>Clear and precise, with brief glosses.</summary>
    Standard,

    /// <summary>Technical, mechanisms and trade-offs, no basics.</summary>
    Expert,
}
