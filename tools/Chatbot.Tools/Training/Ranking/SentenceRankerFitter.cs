using Chatbot.AI.Extractive;

namespace Chatbot.Tools.Training.Ranking;

/// <summary>Fits a <see cref="SentenceRanker"/>: standardises the features, then fits a logistic regression to them.</summary>
public static class SentenceRankerFitter
{
    /// <summary>Fits a ranker to feature rows labelled true when the sentence holds a key fact.</summary>
    /// <param name="rows">One feature vector per sentence, in <see cref="SentenceRanker.FeatureNames"/> order.</param>
    /// <param name="labels">Whether each sentence holds a key fact.</param>
    /// <param name="weights">How much each row counts; null counts every row once.</param>
    /// <param name="l2">L2 penalty on the standardised weights.</param>
    public static SentenceRanker Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, IReadOnlyList<double>? weights = null, double l2 = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Count == 0 || rows.Count != labels.Count || !labels.Contains(true) || !labels.Contains(false) || (weights is not null && weights.Count != rows.Count))
        {
            throw new ArgumentException("Fitting needs as many labels (and weights) as rows, with both answers and non-answers among them.", nameof(labels));
        }

        var (means, scales, standardised) = Standardization.Of(rows, SentenceRanker.FeatureNames.Count);
        var (fitted, bias) = LogisticRegression.Fit(standardised, labels, weights ?? Enumerable.Repeat(1.0, rows.Count).ToArray(), l2);
        return new SentenceRanker(SentenceRanker.FeatureNames, means, scales, fitted, bias);
    }
}
