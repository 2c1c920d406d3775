namespace Chatbot.Tools.Evaluation.Intents;

/// <summary>One reliability bin: the predictions whose confidence fell in [<paramref name="Low"/>, <paramref name="High"/>).</summary>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanConfidence, double Accuracy);

/// <summary>How well confidences are calibrated: ten equal-width bins, and the expected calibration error over them.</summary>
public static class Reliability
{
    /// <summary>
    /// The non-empty bins of <paramref name="predictions"/> (a confidence of 1 falls in the last), and the mean gap between
    /// confidence and accuracy over them, weighted by count (0 is perfectly calibrated; 0 for no predictions).
    /// </summary>
    public static (IReadOnlyList<ReliabilityBin> Bins, double ExpectedCalibrationError) Of(IReadOnlyCollection<(double Confidence, bool Correct)> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var bins = predictions
            .GroupBy(p => Math.Clamp((int)(p.Confidence * 10), 0, 9))
            .OrderBy(bin => bin.Key)
            .Select(bin => new ReliabilityBin(bin.Key / 10.0, (bin.Key + 1) / 10.0, bin.Count(), bin.Average(p => p.Confidence), bin.Average(p => p.Correct ? 1.0 : 0.0)))
            .ToList();
        var error = predictions.Count == 0 ? 0 : bins.Sum(bin => bin.Count * Math.Abs(bin.MeanConfidence - bin.Accuracy)) / predictions.Count;
        return (bins, error);
    }
}
