using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Composing;
using Chatbot.AI.Extractive.Ranking;
using Chatbot.AI.Prompting;
using Chatbot.AI.Understanding;

namespace Chatbot.AI.Tests.Extractive.Composing;

public sealed class CompareComposerTests
{
    private static readonly PromptSource[] s_sources =
    [
        new(1, "Zorblax", "The Zorblax is a garden robot that hums while it mows the lawn."),
        new(2, "Quibble", "The Quibble is a shed robot that rattles while it sorts the tools."),
        new(3, "Garden robots", "The Zorblax and the Quibble both run on rain water from the roof."),
    ];

    private readonly AskComposer _ask;
    private readonly CompareComposer _compare;

    public CompareComposerTests()
    {
        // Keyword embeddings: a sentence is as similar to a query as the subjects they name.
        var scorer = new CandidateScorer(new KeywordEmbeddingGenerator("zorblax", "quibble"));
        _ask = new AskComposer(scorer, new CandidateRanker(SentenceRanker.LoadDefault()));
        _compare = new CompareComposer(scorer, _ask);
    }

    [Fact]
    public async Task ComposeAsync_TwoSubjects_SaysWhatTheyShareThenASectionEach()
    {
        var request = new PromptRequest("How do they differ?", s_sources) { Kind = PromptKind.Compare, Subjects = ["zorblax", "quibble"] };

        var answer = await _compare.ComposeAsync(request, CandidateExtractor.Extract(s_sources), CancellationToken.None);

        Assert.Equal(
            "**In short:** The Zorblax and the Quibble both run on rain water from the roof. [3]\n\n"
            + "**Zorblax:** The Zorblax is a garden robot that hums while it mows the lawn. [1]\n\n"
            + "**Quibble:** The Quibble is a shed robot that rattles while it sorts the tools. [2]",
            answer);
    }

    [Fact]
    public async Task ComposeAsync_SubjectsOnlyInTheAnalysis_AreComparedWithTheMessagesVector()
    {
        var analysis = await new MessageAnalyzer(new KeywordEmbeddingGenerator("zorblax", "quibble"), new Understanding.RuleOfThumbMessageParser()).AnalyzeAsync("Zorblax vs Quibble?");
        var request = new PromptRequest("Zorblax vs Quibble?", s_sources) { Kind = PromptKind.Compare, Analysis = analysis };

        var answer = await _compare.ComposeAsync(request, CandidateExtractor.Extract(s_sources), CancellationToken.None);

        Assert.Contains("**Zorblax:** ", answer, StringComparison.Ordinal);
        Assert.Contains("**Quibble:** ", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_NoTwoSubjects_AnswersAsAQuestion()
    {
        var request = new PromptRequest("Tell me about the Zorblax", s_sources) { Kind = PromptKind.Compare };

        var compared = await _compare.ComposeAsync(request, CandidateExtractor.Extract(s_sources), CancellationToken.None);
        var asked = await _ask.ComposeAsync(request, CandidateExtractor.Extract(s_sources), CancellationToken.None);

        Assert.DoesNotContain("**", compared, StringComparison.Ordinal);
        Assert.Equal(asked, compared);
    }

    [Fact]
    public void SubjectsOf_ResolvedByTheDialog_ComeFirst()
    {
        var request = new PromptRequest("how is that different from a Quibble?", []) { Subjects = ["Zorblax", "Quibble"] };

        Assert.Equal(["Zorblax", "Quibble"], CompareComposer.SubjectsOf(request));
    }

    [Fact]
    public void SubjectsOf_OtherwiseTheAnalysisOnes_AndNoneWhenItComparesNothing()
    {
        MessageAnalysis Analysis(string? left, string? right) =>
            new() { Text = "Zorblax vs Quibble?", Normalized = "zorblax vs quibble?", Vector = new float[] { 1f }, ComparedLeft = left, ComparedRight = right };

        Assert.Equal(["Zorblax", "Quibble"], CompareComposer.SubjectsOf(new PromptRequest("Zorblax vs Quibble?", []) { Analysis = Analysis("Zorblax", "Quibble") }));
        Assert.Empty(CompareComposer.SubjectsOf(new PromptRequest("how is that different from a Quibble?", []) { Analysis = Analysis(null, "Quibble") }));
        Assert.Empty(CompareComposer.SubjectsOf(new PromptRequest("What does the Zorblax do?", [])));
    }
}
