namespace Chatbot.AI.Responding;

/// <summary>
/// How answers that fail the grounding check are shown (section <c>Grounding</c>). Checked at start-up by
/// <see cref="GroundingOptionsValidator"/>; a bad value stops the bot naming the setting.
/// </summary>
public sealed class GroundingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Grounding";

    /// <summary>Flag (the default) marks flagged sentences; Repair fixes or withholds them.</summary>
    public GroundingPolicy Policy { get; set; } = GroundingPolicy.Flag;

    /// <summary>
    /// Under <see cref="GroundingPolicy.Repair"/>, the least share of a model answer's claims (0 to 1) that must survive
    /// the repair; below it (or when none survives) the extractive answer is given instead, with a notice.
    /// </summary>
    public double MinimumKeptShare { get; set; } = 0.5;
}
