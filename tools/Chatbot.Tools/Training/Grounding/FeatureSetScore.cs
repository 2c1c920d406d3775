using System.Globalization;
using System.Text;
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
    /// <summary>Response-level counts per generating model.</summary>
    public IReadOnlyDictionary<string, BinaryCounts> ByModel { get; init; } = new Dictionary<string, BinaryCounts>();

    /// <summary>The answer-level gate's threshold each fold chose on its training part (empty without a gate).</summary>
    public IReadOnlyList<double> GateThresholds { get; init; } = [];

    /// <summary>The mean of the fold thresholds (NaN when there are none).</summary>
    public double ThresholdMean => Thresholds.Count == 0 ? double.NaN : Thresholds.Average();

    /// <summary>The standard deviation of the fold thresholds (NaN when there are none).</summary>
    public double ThresholdSpread => Thresholds.Count == 0 ? double.NaN : Math.Sqrt(Thresholds.Average(t => (t - ThresholdMean) * (t - ThresholdMean)));

    /// <summary>One line: name, response P/R/F1, sentence P/R/F1, thresholds.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Name,-22} response P {Responses.Precision:F3} R {Responses.Recall:F3} F1 {Responses.F1:F3} | sentence P {Sentences.Precision:F3} R {Sentences.Recall:F3} F1 {Sentences.F1:F3} | thresholds ")
           + (Thresholds.Count == 0
               ? "(those of its stages)"
               : string.Create(CultureInfo.InvariantCulture, $"mean {ThresholdMean:F3} sd {ThresholdSpread:F3} [{string.Join(' ', Thresholds.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}]"));

    /// <summary>The line of <see cref="ToString"/>, then one line per generating model.</summary>
    public string ToDetailedReport()
    {
        var builder = new StringBuilder().AppendLine(ToString());
        if (GateThresholds.Count > 0)
        {
            var mean = GateThresholds.Average();
            var sd = Math.Sqrt(GateThresholds.Average(t => (t - mean) * (t - mean)));
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  answer-level gate thresholds mean {mean:F3} sd {sd:F3} [{string.Join(' ', GateThresholds.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}]"));
        }

        foreach (var (model, counts) in ByModel.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.AppendLine(RagTruthModelScore.From(counts).ToLine(model));
        }

        return builder.ToString();
    }
}
