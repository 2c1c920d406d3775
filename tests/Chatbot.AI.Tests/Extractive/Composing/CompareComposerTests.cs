using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Composing;
using Chatbot.AI.Extractive.Ranking;
using Chatbot.AI.Prompting;

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
    public async Task ComposeAsync_SubjectsOnlyInTheQuestion_AreParsedFromIt()
    {
        var request = new PromptRequest("Zorblax vs Quibble?", s_sources) { Kind = PromptKind.Compare };

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

    [Theory]
    [InlineData("Zorblax vs Quibble?", "Zorblax", "Quibble")]
    [InlineData("What is the difference between a Zorblax and a Quibble?", "a Zorblax", "a Quibble")]
    [InlineData("compare Zorblax 2 compared to Quibble-X", "Zorblax 2", "Quibble-X")]
    [InlineData("Zorblax or Quibble", "Zorblax", "Quibble")]
    public void SubjectsOf_ComparingQuestion_FindsBothSubjects(string question, string first, string second) =>
        Assert.Equal([first, second], CompareComposer.SubjectsOf(question));

    [Theory]
    [InlineData("What does the Zorblax do?")]
    [InlineData("compare Zorblax 2 with Quibble")]
    public void SubjectsOf_NoWordThatSetsTwoSubjectsApart_FindsNone(string question) =>
        Assert.Empty(CompareComposer.SubjectsOf(question));
}
