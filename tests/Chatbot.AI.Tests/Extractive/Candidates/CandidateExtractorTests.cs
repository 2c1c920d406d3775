using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Prompting;

namespace Chatbot.AI.Tests.Extractive.Candidates;

public sealed class CandidateExtractorTests
{
    [Fact]
    public void Extract_ListItems_AreQuotedWithoutTheirMarkers()
    {
        var candidates = Extract("Zorblax rules", "The Zorblax rules sort garden robots into tiers by the harm they could do.\n- Forbidden tier: robots that spray pesticides near schools are banned.\n2) Light tier: robots that only mow lawns face no new duties.");

        Assert.Equal(
            [
                "The Zorblax rules sort garden robots into tiers by the harm they could do.",
                "Forbidden tier: robots that spray pesticides near schools are banned.",
                "Light tier: robots that only mow lawns face no new duties.",
            ],
            candidates.Select(c => c.Text).ToArray());
    }

    [Fact]
    public void Extract_HeadingsFragmentsAndLowerCaseStarts_AreSkippedButStillCounted()
    {
        var candidates = Extract("Zorblax", "Quick facts. the zorblax hums quietly in every corner of the lab. The Zorblax was built in Tromsø by a team of nine engineers.");

        var only = Assert.Single(candidates);
        Assert.Equal("The Zorblax was built in Tromsø by a team of nine engineers.", only.Text);
        Assert.Equal(2, only.Index);
        Assert.Equal("the zorblax hums quietly in every corner of the lab.", only.Previous);
    }

    [Fact]
    public void Extract_SentenceOverNinetyWords_IsSkipped()
    {
        var longSentence = "The Zorblax " + string.Join(' ', Enumerable.Repeat("hums", 89)) + ".";

        var candidates = Extract("Zorblax", $"{longSentence} The Zorblax was built in Tromsø by nine engineers.");

        Assert.Equal(["The Zorblax was built in Tromsø by nine engineers."], candidates.Select(c => c.Text).ToArray());
    }

    [Fact]
    public void Extract_SentenceAnnouncingAList_CarriesTheOrdinalSentencesThatFollow()
    {
        var candidates = Extract("Zorblax start-up", "Starting the Zorblax takes three careful steps. First, the lid is opened with the brass key. Second, the tank is filled with rain water. Third, the lever is pulled twice. The Zorblax then hums for about an hour.");

        var lead = candidates[0];
        Assert.Equal(
            ["First, the lid is opened with the brass key.", "Second, the tank is filled with rain water.", "Third, the lever is pulled twice."],
            lead.Continuation);
        Assert.Empty(candidates[1].Continuation);
    }

    [Fact]
    public void Extract_LongList_CarriesAtMostFiveSentences()
    {
        var steps = string.Join(' ', new[] { "First", "Second", "Third", "Fourth", "Fifth", "Sixth" }.Select(o => $"{o}, the Zorblax turns its crank once more."));

        var candidates = Extract("Zorblax ritual", $"The Zorblax ritual has several stages. {steps}");

        Assert.Equal(5, candidates[0].Continuation.Length);
    }

    [Fact]
    public void Extract_ListAnnouncedWithoutOrdinals_CarriesTheNextSentence()
    {
        var candidates = Extract("Zorblax models", "The Zorblax was sold in three sizes. Small, medium and large models were sold in Oslo shops. Prices were never published by the maker.");

        Assert.Equal(["Small, medium and large models were sold in Oslo shops."], candidates[0].Continuation);
    }

    [Theory]
    [InlineData("It was built in 2031 by the garden council of Zeta.")]
    [InlineData("In the spring of 2031, it was built by the garden council.")]
    public void Extract_SentenceOpeningWithAPronoun_IsRankedWithThePassageTitle(string sentence)
    {
        var candidate = Assert.Single(Extract("The Zorblax", sentence));

        Assert.Equal("The Zorblax", candidate.Context);
        Assert.Contains("zorblax", candidate.Words);
        Assert.StartsWith("The Zorblax. ", candidate.RankingText, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SentenceNamingItsSubject_HasNoContext()
    {
        var candidate = Assert.Single(Extract("Garden machines", "The Zorblax was built in 2031 by the garden council."));

        Assert.Null(candidate.Context);
        Assert.Equal(candidate.Text, candidate.RankingText);
    }

    [Fact]
    public void Extract_SeveralSources_KeepsEachSourcesNumberAndTitle()
    {
        PromptSource[] sources =
        [
            new(4, "Zorblax", "The Zorblax was built in Tromsø by nine engineers."),
            new(7, "Quibble", "The Quibble was built in Bergen by eleven engineers."),
        ];

        var candidates = CandidateExtractor.Extract(sources);

        Assert.Equal([(4, "Zorblax"), (7, "Quibble")], candidates.Select(c => (c.Source, c.Title)).ToArray());
    }

    private static List<AnswerCandidate> Extract(string title, string text) => CandidateExtractor.Extract([new PromptSource(1, title, text)]);
}
