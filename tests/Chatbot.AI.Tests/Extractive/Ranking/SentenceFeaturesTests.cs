using System.Reflection;
using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Ranking;

namespace Chatbot.AI.Tests.Extractive.Ranking;

public sealed class SentenceFeaturesTests
{
    private static readonly PropertyInfo[] s_properties = typeof(SentenceFeatures).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    [Fact]
    public void Properties_OnePerFeatureName()
    {
        Assert.Equal(SentenceRanker.FeatureNames.Count, s_properties.Length);
        Assert.All(SentenceRanker.FeatureNames, name => Assert.NotNull(PropertyFor(name)));
    }

    [Fact]
    public void ToArray_EachValueSitsAtItsFeatureNamesPosition()
    {
        var features = Distinct();

        var array = features.ToArray();

        Assert.Equal(SentenceRanker.FeatureNames.Count, array.Length);
        for (var i = 0; i < array.Length; i++)
        {
            Assert.Equal((double)PropertyFor(SentenceRanker.FeatureNames[i])!.GetValue(features)!, array[i]);
        }
    }

    /// <summary>Every feature a different value, set by name in alphabetical order rather than the ranker's.</summary>
    private static SentenceFeatures Distinct() => new()
    {
        AfterBest = 1,
        AnswerType = 2,
        Defines = 3,
        Dense = 4,
        DenseGap = 5,
        ExplainsAfter = 6,
        ExplainsAfterBest = 7,
        ExplainsSpecific = 8,
        Long = 9,
        NamesSubject = 10,
        Overlap = 11,
        PassageBest = 12,
        PassageRank = 13,
        Position = 14,
        PreviousDense = 15,
        Pronoun = 16,
        RareGap = 17,
        RareOverlap = 18,
        Short = 19,
        Specific = 20,
        TitleOverlap = 21,
        TypedAboutSubject = 22,
    };

    private static PropertyInfo? PropertyFor(string featureName) =>
        s_properties.SingleOrDefault(p => p.Name == char.ToUpperInvariant(featureName[0]) + featureName[1..]);
}
