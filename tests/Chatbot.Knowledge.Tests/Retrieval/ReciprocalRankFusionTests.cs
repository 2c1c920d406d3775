using Chatbot.Knowledge.Retrieval;

namespace Chatbot.Knowledge.Tests.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Fuse_ItemRankedByBoth_BeatsItemsRankedHigherByOne()
    {
        var fused = ReciprocalRankFusion.Fuse([1, 2, 3], [3, 4, 5], top: 5);

        Assert.Equal(3, fused[0].Item);
        Assert.Equal((1.0 / 63) + (1.0 / 61), fused[0].Score, 10);
        Assert.Equal(3, fused[0].KeywordRank);
        Assert.Equal(1, fused[0].DenseRank);
        Assert.Equal(5, fused.Length);
    }

    [Fact]
    public void Fuse_QuestionsRanking_AddsItsShareAndItsRank()
    {
        var fused = ReciprocalRankFusion.Fuse([1, 2], [2, 1], [1], top: 3);

        Assert.Equal(1, fused[0].Item);
        Assert.Equal((1.0 / 61) + (1.0 / 62) + (1.0 / 61), fused[0].Score, 10);
        Assert.Equal(1, fused[0].AsksRank);
        Assert.Equal(0, fused[1].AsksRank);
    }

    [Fact]
    public void Fuse_TiesAreBrokenDeterministically()
    {
        var fused = ReciprocalRankFusion.Fuse([7], [9], top: 2);

        Assert.Equal([7, 9], fused.Select(entry => entry.Item));
        Assert.Equal(0, fused[0].DenseRank);
        Assert.Equal(0, fused[1].KeywordRank);
    }

    [Fact]
    public void Fuse_EmptyRankings_GiveNothing()
    {
        Assert.Empty(ReciprocalRankFusion.Fuse([], [], top: 5));
    }
}
