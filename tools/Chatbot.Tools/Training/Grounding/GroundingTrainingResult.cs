using System.Text;
using Chatbot.Grounding.Model;

namespace Chatbot.Tools.Training.Grounding;

/// <summary>What <see cref="GroundingTrainer"/> produced: the model to persist and the cross-validated scores.</summary>
/// <param name="Model">The model trained on every record, with a threshold tuned by cross-validation.</param>
/// <param name="Scores">The cross-validated scores of each feature set tried.</param>
/// <param name="Records">How many RAGTruth records were used.</param>
/// <param name="Questions">How many distinct questions (cross-validation groups) they hold.</param>
/// <param name="MsPerResponse">Mean time to analyse one response (split, embed, features) during training.</param>
public sealed record GroundingTrainingResult(
    GroundingModel Model,
    IReadOnlyList<FeatureSetScore> Scores,
    int Records,
    int Questions,
    double MsPerResponse)
{
    /// <summary>A plain-text report.</summary>
    public string ToReport()
    {
        var builder = new StringBuilder();
        builder.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"records {Records}, questions {Questions}, analysis {MsPerResponse:F1} ms/response");
        foreach (var score in Scores)
        {
            builder.Append(score.ToDetailedReport());
        }

        builder.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"model: {string.Join(", ", Model.Features)}; threshold {Model.Threshold:F3}");
        return builder.ToString();
    }
}
