using System.ComponentModel.DataAnnotations;

namespace Chatbot.AI.Responding;

/// <summary>
/// When a question gets a FAQ entry's curated answer (section <c>Curated</c>). Both are probabilities from
/// <see cref="CuratedMatchModel"/>; unset, the thresholds the model was trained with apply.
/// </summary>
public sealed class CuratedOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Curated";

    /// <summary>At or above this probability that an entry is the one asked, the entry's answer is given.</summary>
    [Range(0.0, 1.0)]
    public double? Confident { get; set; }

    /// <summary>At or above this (and below <see cref="Confident"/>), up to two entries are offered as questions to choose.</summary>
    [Range(0.0, 1.0)]
    public double? Close { get; set; }
}
