using Chatbot.Tools.Evaluation.Grounding;

namespace Chatbot.Tools.Training.Grounding;

/// <summary>Cross-validated scores of one feature set (pooled over the validation folds).</summary>
/// <param name="Name">The feature set's name.</param>
/// <param name="Features">Its features.</param>
/// <param name="Responses">Response-level counts for the hallucinated class.</param>
/// <param name="Sentences">Sentence-level counts (a sentence is hallucinated when it overlaps a labelled span).</param>
/// <param name="Thresholds">The threshold each fold chose on its training part.</param>
public sealed record FeatureSetScore(
    string Name,
    IReadOnlyList<string> Features,
    BinaryCounts Responses,
    BinaryCounts Sentences,
    IReadOnlyList<double> Thresholds)
{
    /// <summary>One line: name, response P/R/F1, sentence P/R/F1, thresholds.</summary>
    public override string ToString()
        => $"{Name,-22} response P {Responses.Precision:F3} R {Responses.Recall:F3} F1 {Responses.F1:F3} | sentence P {Sentences.Precision:F3} R {Sentences.Recall:F3} F1 {Sentences.F1:F3} | thresholds {string.Join(' ', Thresholds.Select(t => t.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}";
}
