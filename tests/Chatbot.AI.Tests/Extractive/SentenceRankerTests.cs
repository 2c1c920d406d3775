using Chatbot.AI.Extractive;

namespace Chatbot.AI.Tests.Extractive;

public sealed class SentenceRankerTests
{
    private static readonly int s_features = SentenceRanker.FeatureNames.Count;

    [Fact]
    public void LoadDefault_ShippedRanker_LoadsWithItsProvenanceAndPrefersAMatchingSentence()
    {
        var ranker = SentenceRanker.LoadDefault();

        Assert.Contains("cross-validated", ranker.Provenance, StringComparison.Ordinal);
        Assert.True(ranker.Score(Matching(dense: 0.8, overlap: 1.0)) > ranker.Score(Matching(dense: 0.1, overlap: 0.0)));
    }

    [Fact]
    public void ToJson_RoundTrip_ScoresTheSame()
    {
        var ranker = SentenceRanker.LoadDefault().WithProvenance("test");
        var copy = SentenceRanker.FromJson(ranker.ToJson());
        var row = Row(0.4, 0.3);

        Assert.Equal(ranker.Score(row), copy.Score(row), 12);
        Assert.Equal("test", copy.Provenance);
    }

    [Fact]
    public void Constructor_FeaturesOtherThanTheComposers_TellsToRetrain()
    {
        var names = SentenceRanker.FeatureNames.Take(s_features - 1).Append("somethingElse").ToArray();
        var ones = Enumerable.Repeat(1.0, s_features).ToArray();

        var error = Assert.Throws<ArgumentException>(() => new SentenceRanker(names, ones, ones, ones, 0));

        Assert.Contains("train ranker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => SentenceRanker.LoadDefault().Score([0.5, 0.5]));
    }

    /// <summary>
    /// A sentence among candidates whose best has dense similarity 0.8 and holds all the question's words:
    /// its rare-word overlap equals its overlap, and its gaps are measured from that best.
    /// </summary>
    private static double[] Matching(double dense, double overlap)
    {
        var row = Row(dense, overlap);
        row[Index("rareOverlap")] = overlap;
        row[Index("denseGap")] = dense - 0.8;
        row[Index("rareGap")] = overlap - 1.0;
        return row;
    }

    private static int Index(string feature) => SentenceRanker.FeatureNames.ToList().IndexOf(feature);

    /// <summary>A feature row with the dense similarity and word overlap given and everything else zero.</summary>
    private static double[] Row(double dense, double overlap)
    {
        var row = new double[s_features];
        row[0] = dense;
        row[1] = overlap;
        return row;
    }
}
