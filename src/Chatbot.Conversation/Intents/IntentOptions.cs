using System.ComponentModel.DataAnnotations;

namespace Chatbot.Conversation.Intents;

/// <summary>Settings of intent recognition (section <c>Intents</c>).</summary>
public sealed class IntentOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Intents";

    /// <summary>
    /// Below this confidence a result is not <see cref="IntentResult.IsConfident"/> and the bot should ask a
    /// clarifying question offering the two likeliest intents instead of acting on the first.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ConfidenceThreshold { get; set; } = 0.55;

    /// <summary>
    /// A message the recognizer finds out of scope or is unsure of is treated as a question when an indexed
    /// passage (curated or a pilot's) matches it at least this closely (MiniLM cosine similarity of the best passage).
    /// </summary>
    [Range(0.0, 1.0)]
    public double KnowledgeMatchThreshold { get; set; } = 0.45;
}
