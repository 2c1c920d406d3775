using System.ComponentModel.DataAnnotations;

namespace Chatbot.AI.Grounding;

/// <summary>
/// The model's second opinion on the sentences the local grounding check is unsure of (section <c>Grounding:Judge</c>).
/// Off by default: the local check needs no model, and the judge costs one more model call per answer that has unsure
/// sentences. It never runs for the extractive or curated answers. Checked at start-up; every message names the setting.
/// </summary>
public sealed class GroundingJudgeOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Grounding:Judge";

    /// <summary>Asks the answering model about unsure sentences. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// How far from the local check's decision boundary (score 0.5) a claim's score may lie and still be unsure: with
    /// 0.15, claims scoring 0.35 to 0.65 are sent to the model.
    /// </summary>
    [Range(0.01, 0.5, ErrorMessage = "Grounding:Judge:Band must be between {1} and {2}.")]
    public double Band { get; set; } = 0.15;

    /// <summary>The most sentences of one answer sent to the model; the most unsure are chosen when there are more.</summary>
    [Range(1, 10, ErrorMessage = "Grounding:Judge:MaxSentences must be between {1} and {2}.")]
    public int MaxSentences { get; set; } = 4;

    /// <summary>How long the judge's call may take, retries included; past it the local verdicts stand.</summary>
    [Range(0.1, 60, ErrorMessage = "Grounding:Judge:TimeoutSeconds must be between {1} and {2} seconds.")]
    public double TimeoutSeconds { get; set; } = 8;
}
