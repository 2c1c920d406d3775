using System.ComponentModel.DataAnnotations;

namespace Chatbot.AI.Responding;

/// <summary>When a question gets a FAQ entry's curated answer (section <c>Curated</c>).</summary>
public sealed class CuratedOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Curated";

    /// <summary>
    /// At or above this cosine similarity between the message and an entry's questions, the entry's answer is given.
    /// </summary>
    [Range(0.0, 1.0)]
    public double Confident { get; set; } = 0.5;

    /// <summary>At or above this (and below <see cref="Confident"/>), up to two entries are offered as questions to choose.</summary>
    [Range(0.0, 1.0)]
    public double Close { get; set; } = 0.4;
}
