using Chatbot.AI.Extractive;
using Chatbot.Tools.Training.Ranking;

namespace Chatbot.Tools.Tests.Training.Ranking;

public sealed class SentenceRankerFitterTests
{
    private static readonly int s_features = SentenceRanker.FeatureNames.Count;

    [Fact]
    public void Fit_LabelsThatFollowOneFeature_RanksByThatFeature()
    {
        var rows = new List<double[]>();
        var labels = new List<bool>();
        for (var i = 0; i < 200; i++)
        {
            var dense = (i % 20) / 20.0;
            rows.Add(Row(dense, overlap: (i % 7) / 7.0));
            labels.Add(dense + ((i % 3) * 0.1) > 0.6);
        }

        var ranker = SentenceRankerFitter.Fit(rows, labels);

        Assert.True(ranker.Weights[0] > 0);
        Assert.True(ranker.Score(Row(0.9, 0.5)) > ranker.Score(Row(0.2, 0.5)));
    }

    [Fact]
    public void Fit_OnlyOneKindOfLabel_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SentenceRankerFitter.Fit([Row(0.1, 0.1), Row(0.9, 0.9)], [true, true]));
    }

    /// <summary>A feature row with the dense similarity and word overlap given and everything else zero.</summary>
    private static double[] Row(double dense, double overlap)
    {
        var row = new double[s_features];
        row[0] = dense;
        row[1] = overlap;
        return row;
    }
}
