using Chatbot.Tools.Evaluation.Grounding;

namespace Chatbot.Tools.Tests.Evaluation.Grounding;

public sealed class RagTruthSetAsideTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(10_000, 45).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static RagTruthRecord Answer(string sourceId, string model)
        => new($"{sourceId}:{model}", $"question {sourceId}", "passage 1:x", "y", false, [], model) { SourceId = sourceId };

    [Fact]
    public void Hash_IsLowercaseHexSha256()
        => Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RagTruthSetAside.Hash("abc"));

    [Fact]
    public void Choose_TakesAFifthRoundedUp_TheFirstInHashOrder()
    {
        var chosen = RagTruthSetAside.Choose(Ids);
        Assert.Equal(9, chosen.SourceIds.Count);
        var expected = Ids.OrderBy(RagTruthSetAside.Hash, StringComparer.Ordinal).Take(9);
        Assert.True(chosen.SourceIds.ToHashSet().SetEquals(expected));
        Assert.Equal(3, RagTruthSetAside.Choose(Ids.Take(11)).SourceIds.Count);
    }

    [Fact]
    public void Choose_DependsOnlyOnTheIds_NotTheirOrderOrRepeats()
    {
        var a = RagTruthSetAside.Choose(Ids);
        var b = RagTruthSetAside.Choose(Ids.Reverse().Concat(Ids));
        Assert.True(a.SourceIds.ToHashSet().SetEquals(b.SourceIds));
    }

    [Fact]
    public void Split_KeepsEveryAnswerOfAQuestionOnOneSide()
    {
        var models = new[] { "gpt-4-0613", "llama-2-7b-chat", "mistral-7B-instruct" };
        var records = Ids.SelectMany(id => models.Select(m => Answer(id, m))).ToList();
        var setAside = RagTruthSetAside.Choose(Ids);

        var (development, heldOut) = setAside.Split(records);

        Assert.Equal(27, heldOut.Count);
        Assert.Equal(records.Count - 27, development.Count);
        Assert.Empty(development.Select(r => r.Group).Intersect(heldOut.Select(r => r.Group)));
        Assert.All(heldOut, r => Assert.Contains(r.Group, setAside.SourceIds));
    }

    [Fact]
    public void ToText_ThenParse_GivesTheSameIds_AndCommentsAreIgnored()
    {
        var chosen = RagTruthSetAside.Choose(Ids);
        var text = chosen.ToText("how it was chosen\nsecond line");

        Assert.StartsWith("# how it was chosen", text, StringComparison.Ordinal);
        Assert.True(RagTruthSetAside.Parse(text).SourceIds.ToHashSet().SetEquals(chosen.SourceIds));
    }

    [Fact]
    public void Group_FallsBackToTheIdPrefix_ThenTheQuestion()
    {
        Assert.Equal("14364", new RagTruthRecord("14364:gpt-4-0613", "Q", "p", "r", false, [], null).Group);
        Assert.Equal("gpt-4-0613", new RagTruthRecord("14364:gpt-4-0613", "Q", "p", "r", false, [], null).Generator);
        Assert.Equal("how long", new RagTruthRecord("line 3", " How Long ", "p", "r", false, [], null).Group);
        Assert.Equal("77", new RagTruthRecord("1:m", "Q", "p", "r", false, [], "m") { SourceId = "77" }.Group);
    }
}
