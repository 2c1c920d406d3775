using Chatbot.Grounding.Model;
using Chatbot.Grounding.Tests.Doubles;

namespace Chatbot.Grounding.Tests.Features;

/// <summary>
/// The words a flag covers, on made-up entities (so no pretrained knowledge helps), with models whose verdicts can be
/// predicted by hand: one that flags a claim when fewer than about half of its content words occur in the passages,
/// and one that flags every claim.
/// </summary>
public sealed class UnsupportedSpansTests
{
    private static readonly GroundingModel CoverageModel = new(["lex_global"], [0.5], [0.25], [-4], 0, 0.5);

    private static readonly GroundingModel FlagsEverything = new(["lex_global"], [0.5], [0.25], [0], 5, 0.5);

    private static readonly GroundingSource Bridge = new(1,
        "The Quennel Bridge over the river Varn opened to traffic in 1907. " +
        "It was designed by the engineer Ada Morrow in Varnholm. " +
        "Zorblats can fly over the mountains of Varn.");

    private static readonly GroundingSource Looms = new(2, "Zorblat Labs sells the Quenner loom for weaving light.");

    private static async Task<SentenceGrounding> CheckOneAsync(string answer, GroundingModel? model = null)
    {
        var checker = new GroundingChecker(new HashingEmbedder(), model ?? CoverageModel);
        var report = await checker.CheckAsync(answer, [Bridge, Looms]);
        return Assert.Single(report.Sentences);
    }

    private static string[] Words(SentenceGrounding sentence) => [.. sentence.Spans.Select(s => s.Of(sentence.Text))];

    [Fact]
    public async Task WrongYear_SpansTheYearWithTheSourcesYear()
    {
        var result = await CheckOneAsync("The Quennel Bridge over the river Varn opened to traffic in 1911 [1].");

        Assert.Equal(GroundingVerdict.Contradicted, result.Verdict);
        var span = Assert.Single(result.Spans);
        Assert.Equal("1911", span.Of(result.Text));
        Assert.Equal("1907", span.Instead);
    }

    [Fact]
    public async Task WrongName_SpansTheNameTheSourcesNeverUse()
    {
        var result = await CheckOneAsync("The Quennel Bridge was designed by the engineer Ada Zelnik in Varnholm [1].");

        Assert.Equal(GroundingVerdict.Contradicted, result.Verdict);
        var span = Assert.Single(result.Spans);
        Assert.Equal("Zelnik", span.Of(result.Text));
        Assert.Equal("Morrow", span.Instead);
    }

    [Fact]
    public async Task InventedProduct_SpansTheInventedPhraseOnly()
    {
        var result = await CheckOneAsync("Zorblat Labs also sells the Hyperweave Pro cloud service [2].");

        Assert.Equal(GroundingVerdict.Unsupported, result.Verdict);
        Assert.Equal(["Hyperweave Pro cloud service"], Words(result));
        Assert.Null(Assert.Single(result.Spans).Instead);
    }

    [Fact]
    public async Task UnbackedWords_JoinAcrossStopwordsButNotAcrossBackedWords()
    {
        var result = await CheckOneAsync("Zorblat Labs sells a Quenner loom of glass and copper to weaving guilds in Ostrava [2].", FlagsEverything);

        Assert.Equal(GroundingVerdict.Unsupported, result.Verdict);

        // "glass and copper" is one phrase (a stopword between); "weaving" is in the source, so "guilds in Ostrava" stands apart.
        Assert.Equal(["glass and copper", "guilds in Ostrava"], Words(result));
    }

    [Fact]
    public async Task Negation_SpansTheNegationWord()
    {
        var result = await CheckOneAsync("Zorblats cannot fly over the mountains of Varn [1].");

        Assert.Equal(GroundingVerdict.Contradicted, result.Verdict);
        Assert.Equal(["cannot"], Words(result));
    }

    [Fact]
    public async Task ParaphraseTheSourcesDoNotBack_HasNoSpan()
    {
        // Every word is the sources' own, recombined into something they do not say: nothing narrower than the sentence to mark.
        var result = await CheckOneAsync("Zorblat looms fly over the river Varn [2].", FlagsEverything);

        Assert.Equal(GroundingVerdict.Unsupported, result.Verdict);
        Assert.Empty(result.Spans);
    }

    [Fact]
    public async Task ConnectivesAndHedges_AreNotMarked()
    {
        var result = await CheckOneAsync("However, it is important to note that Zorblat Labs sells the Quenner loom to Ostrava [2].", FlagsEverything);

        Assert.Equal(["Ostrava"], Words(result));
    }

    [Fact]
    public async Task SupportedAndWrongCitation_HaveNoSpans()
    {
        var supported = await CheckOneAsync("Zorblat Labs sells the Quenner loom for weaving light [2].");
        var wrong = await CheckOneAsync("Zorblat Labs sells the Hyperweave loom [7].");

        Assert.Equal(GroundingVerdict.Supported, supported.Verdict);
        Assert.Empty(supported.Spans);
        Assert.Equal(GroundingVerdict.WrongCitation, wrong.Verdict);
        Assert.Empty(wrong.Spans);
    }

    [Fact]
    public async Task ListItem_SpanOffsetsAreInTheSentenceTextWithItsMarker()
    {
        var result = await CheckOneAsync("2. The Quennel Bridge over the river Varn opened to traffic in 1911 [1].");

        Assert.StartsWith("2. ", result.Text, StringComparison.Ordinal);
        Assert.Equal(["1911"], Words(result));
    }

    [Fact]
    public async Task ToAnswer_FindsTheWordsInTheAnswerPastMarkersAndLineBreaks()
    {
        const string answer = "Zorblat Labs sells the Quenner loom [2].\n\nThe Quennel Bridge [1] over the river Varn\nopened to traffic in   1911 [1].";
        var checker = new GroundingChecker(new HashingEmbedder(), CoverageModel);
        var report = await checker.CheckAsync(answer, [Bridge, Looms]);

        var flagged = Assert.Single(report.Sentences, s => s.Flagged);
        var span = Assert.Single(flagged.Spans);
        var placed = span.ToAnswer(answer, flagged.Start, flagged.Length, flagged.Text);
        Assert.NotNull(placed);
        Assert.Equal("1911", answer.Substring(placed.Value.Start, placed.Value.Length));
    }

    [Fact]
    public void ToAnswer_AnEditedAnswer_IsNull()
    {
        var span = new FlagSpan(4, 4);

        Assert.Null(span.ToAnswer("The tower opened in 1911.", 0, 25, "The bridge opened in 1911."));
        Assert.Null(span.ToAnswer("short", 0, 50, "The bridge opened in 1911."));
    }
}
