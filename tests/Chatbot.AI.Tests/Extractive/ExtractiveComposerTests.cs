using Chatbot.Knowledge.Text;
using Chatbot.AI.Extractive;
using Chatbot.AI.Prompting;
using Chatbot.AI.Understanding;
using Microsoft.Extensions.AI;

namespace Chatbot.AI.Tests.Extractive;

/// <summary>The extractive answer with the real MiniLM model and grounding checker over three small sources.</summary>
public sealed class ExtractiveComposerTests(ExtractiveFixture fixture) : IClassFixture<ExtractiveFixture>
{
    private readonly ExtractiveComposer _composer = fixture.Composer;

    [Theory]
    [InlineData("How does a diffusion model generate images?")]
    [InlineData("What does the discriminator do in a GAN?")]
    [InlineData("When was GPT-4 released?")]
    public async Task ComposeAsync_Ask_EverySentenceIsVerbatimFromTheSourceItCites(string question)
    {
        var answer = await _composer.ComposeAsync(new PromptRequest(question, ExtractiveFixture.Sources));

        var sentences = SentenceSplitter.Default.Split(answer);
        Assert.NotEqual(ExtractiveComposer.NotCoveredAnswer, answer);
        Assert.NotEmpty(sentences);
        Assert.All(sentences, sentence =>
        {
            var cited = Assert.Single(sentence.Citations);
            var source = Assert.Single(ExtractiveFixture.Sources, s => s.Number == cited);
            Assert.Contains(sentence.Text, SentenceSplitter.Default.Split(source.Text).Select(s => s.Text));
        });
    }

    [Fact]
    public async Task ComposeAsync_AnswerInAListItem_QuotesTheItemWithoutItsMarker()
    {
        PromptSource[] sources =
        [
            new(1, "Zeta rules: Tiers", "The Zeta rules sort garden robots into tiers by how much harm they could do.\n- Forbidden tier: robots that spray pesticides near schools are banned outright.\n- Light tier: robots that only mow lawns face no new duties."),
            new(2, "Zeta rules", "The Zeta rules were agreed by the garden council in 2031 after a long consultation."),
        ];

        var answer = await _composer.ComposeAsync(new PromptRequest("Which garden robots do the Zeta rules ban outright?", sources));

        Assert.Contains("Forbidden tier: robots that spray pesticides near schools are banned outright. [1]", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("- Forbidden", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_TwoPartQuestion_AnswersBothParts()
    {
        PromptSource[] sources =
        [
            new(1, "Widget 9", "Widget 9 is a household robot that folds laundry and washes dishes. What Widget 9 does best is fold laundry: a full basket takes it about ten minutes. Widget 9 also does the dishes, loading and emptying a dishwasher on its own. Widget 9 does the ironing as well, pressing shirts and sheets."),
            new(2, "Widget 9: Maker", "Widget 9 is built by Acme Robotics in Lyon, which sells spare grippers too."),
        ];

        var answer = await _composer.ComposeAsync(new PromptRequest("What does Widget 9 do, and which company makes it?", sources) { Style = AnswerStyle.Beginner });

        Assert.Contains("laundry", answer, StringComparison.Ordinal);
        Assert.Contains("Acme Robotics", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_HowQuestion_QuotesTheExplainingPassageInOrder()
    {
        PromptSource[] sources =
        [
            new(1, "Thermo valves: Buying", "Prices range between 20 and 60 euros a piece. They fit most radiators made after 1990. Many shops sell thermo valves with a five-year guarantee. An installer needs about ten minutes per radiator."),
            new(2, "Thermo valves: How they work", "A thermo valve keeps a room at a set temperature by itself. A small wax capsule inside the valve swells as the room warms. The swelling wax pushes a pin that narrows the water inlet. When the room cools, the wax shrinks and the inlet opens again."),
        ];

        var answer = await _composer.ComposeAsync(new PromptRequest("How does a thermo valve work?", sources));

        // The step that does the work shares no word with the question; it is quoted because it continues the explanation.
        Assert.Contains("A small wax capsule inside the valve swells as the room warms. [2] The swelling wax pushes a pin that narrows the water inlet. [2]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_SentenceAnnouncingAList_IsQuotedWithTheListEachItemCited()
    {
        PromptSource[] sources =
        [
            new(1, "Brewing tea", "Good tea takes some care and decent leaves from a trusted shop. The brewing method has three steps. First, the water is heated to the right temperature for the leaf. Second, the leaves steep for two to four minutes. Third, the leaves are removed so the tea does not turn bitter."),
        ];

        var answer = await _composer.ComposeAsync(new PromptRequest("What are the steps of the brewing method?", sources) { Style = AnswerStyle.Beginner });

        Assert.Contains("The brewing method has three steps. [1] First, the water is heated", answer, StringComparison.Ordinal);
        Assert.Contains("Third, the leaves are removed so the tea does not turn bitter. [1]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_WhoQuestion_PrefersTheSentenceNamingTheAuthorsEvenWhenItOpensWithAPronoun()
    {
        PromptSource[] sources =
        [
            new(1, "The Zeta algorithm", "The Zeta algorithm is a sorting algorithm proposed for very large lists of numbers. The Zeta algorithm was proposed as a way to split long lists into buckets. The Zeta algorithm was proposed to keep memory use low while sorting. It came from Maria Lindqvist and Tomas Berg at Uppsala University in 2011."),
        ];

        var answer = await _composer.ComposeAsync(new PromptRequest("Who proposed the Zeta algorithm?", sources) { Style = AnswerStyle.Beginner });

        Assert.Contains("Maria Lindqvist", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_SameQuestionAgain_RepeatsTheFactsInsteadOfSayingNotCovered()
    {
        PromptSource[] sources = [new(1, "Returns", "Customers can return a laptop within 45 days of delivery for a full refund.")];
        var first = await _composer.ComposeAsync(new PromptRequest("How long do I have to return a laptop?", sources));

        var again = await _composer.ComposeAsync(new PromptRequest("How many days do I get to return my laptop?", sources)
        {
            History = [new(ChatRole.User, "How long do I have to return a laptop?"), new(ChatRole.Assistant, first)],
        });

        Assert.Contains("45 days", first, StringComparison.Ordinal);
        Assert.Contains("45 days", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_WhatIsQuestion_LeadsWithTheSentenceThatDefinesIt()
    {
        PromptSource[] sources =
        [
            new(1, "Zeta engines in libraries", "Zeta engines are now common in libraries, where Zeta engines help readers find books quickly."),
            new(2, "The Zeta engine", "A Zeta engine is a search program that ranks short passages of books against the words of a query."),
        ];

        var answer = await _composer.ComposeAsync(new PromptRequest("What is a Zeta engine?", sources) { Style = AnswerStyle.Beginner });

        Assert.StartsWith("A Zeta engine is a search program", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_Styles_KeepTheirSentenceBudgets()
    {
        const string Question = "How do diffusion models and GANs turn noise into images?";

        var beginner = await ComposeAsync(Question, AnswerStyle.Beginner);
        var standard = await ComposeAsync(Question, AnswerStyle.Standard);
        var expert = await ComposeAsync(Question, AnswerStyle.Expert);

        var counts = new[] { beginner, standard, expert }.Select(a => SentenceSplitter.Default.Split(a).Count).ToArray();
        Assert.InRange(counts[0], 1, AnswerLength.For(AnswerStyle.Beginner).Max);
        Assert.InRange(counts[1], 1, AnswerLength.For(AnswerStyle.Standard).Max);
        Assert.InRange(counts[2], 1, AnswerLength.For(AnswerStyle.Expert).Max);

        // The sources hold far more relevant sentences than any budget, so the levels must really differ.
        Assert.True(counts[0] < counts[2], $"Beginner {counts[0]} sentences, expert {counts[2]}.");
        Assert.True(beginner.Length <= expert.Length, $"Beginner {beginner.Length} chars, expert {expert.Length}.");
    }

    [Theory]
    [InlineData("What is the best recipe for banana bread?")]
    [InlineData("Who won the football world cup in 1998?")]
    public async Task ComposeAsync_IrrelevantQuestion_ReturnsNotCoveredWithoutCitations(string question)
    {
        var answer = await _composer.ComposeAsync(new PromptRequest(question, ExtractiveFixture.Sources));

        Assert.Equal(ExtractiveComposer.NotCoveredAnswer, answer);
        Assert.DoesNotMatch(@"\[\d+\]", answer);
    }

    [Theory]
    [InlineData("How much does a Zorblat diffusion subscription cost per month?")]
    [InlineData("What is the phone number of the Quennerfield help desk?")]
    public async Task ComposeAsync_NearbyQuestionTheSourcesDoNotAnswer_WithTheAnswerabilityModel_ReturnsNotCovered(string question)
    {
        var composer = new ExtractiveComposer(new MemoizingEmbeddingGenerator(fixture.Generator), fixture.Checker, SentenceRanker.LoadDefault(), AnswerabilityModel.LoadDefault());

        var answer = await composer.ComposeAsync(new PromptRequest(question, ExtractiveFixture.Sources));

        Assert.Equal(ExtractiveComposer.NotCoveredAnswer, answer);
    }

    [Theory]
    [InlineData("How does a diffusion model generate images?")]
    [InlineData("What does the discriminator do in a GAN?")]
    [InlineData("When was GPT-4 released?")]
    [InlineData("why is sampling a diffusion model slower than a gan")]
    public async Task ComposeAsync_QuestionTheSourcesAnswer_WithTheAnswerabilityModel_IsAnswered(string question)
    {
        var composer = new ExtractiveComposer(new MemoizingEmbeddingGenerator(fixture.Generator), fixture.Checker, SentenceRanker.LoadDefault(), AnswerabilityModel.LoadDefault());

        var answer = await composer.ComposeAsync(new PromptRequest(question, ExtractiveFixture.Sources));

        Assert.NotEqual(ExtractiveComposer.NotCoveredAnswer, answer);
    }

    [Fact]
    public async Task ComposeAsync_NoSources_ReturnsNotCovered()
    {
        var answer = await _composer.ComposeAsync(new PromptRequest("How does a diffusion model generate images?", []));

        Assert.Equal(ExtractiveComposer.NotCoveredAnswer, answer);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ComposeAsync_Compare_GivesASectionPerSubjectCitingASourceThatMentionsIt(bool subjectsFromDialog)
    {
        // The dialog passes the subjects it resolved; otherwise they are the ones the turn's analysis found.
        const string Question = "What is the difference between GANs and diffusion models?";
        var analysis = new MessageAnalysis
        {
            Text = Question,
            Normalized = Question.ToLowerInvariant(),
            Vector = (await fixture.Generator.GenerateAsync([Question]))[0].Vector,
            ComparedLeft = "GANs",
            ComparedRight = "diffusion models",
        };
        var request = new PromptRequest(Question, ExtractiveFixture.Sources)
        {
            Kind = PromptKind.Compare,
            Subjects = subjectsFromDialog ? ["GANs", "diffusion models"] : [],
            Analysis = subjectsFromDialog ? null : analysis,
        };

        var answer = await _composer.ComposeAsync(request);

        var sections = answer.Split("\n\n");
        AssertSection(sections, "**GANs:** ", "GAN");
        AssertSection(sections, "**Diffusion models:** ", "diffusion");
    }

    [Fact]
    public async Task ComposeAsync_CheckClaim_SupportedClaim_SaysSupportedAndCitesTheEvidence()
    {
        var answer = await CheckAsync("Is it true that OpenAI released GPT-4 on 14 March 2023?");

        Assert.StartsWith("Supported: ", answer, StringComparison.Ordinal);
        Assert.Contains("[3]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeAsync_CheckClaim_WrongDate_SaysContradictedQuotingTheRightDate()
    {
        var answer = await CheckAsync("GPT-4 was released in 2021");

        Assert.StartsWith("Contradicted: ", answer, StringComparison.Ordinal);
        Assert.Contains("14 March 2023", answer, StringComparison.Ordinal);
        Assert.EndsWith("[3]", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Is it true that the Eiffel Tower is taller than Mount Everest?")]
    [InlineData("Is it true that GPT-4 was trained entirely on handwritten letters from the nineteenth century?")]
    public async Task ComposeAsync_CheckClaim_UncoveredClaim_SaysNotCovered(string claim)
    {
        var answer = await CheckAsync(claim);

        Assert.StartsWith("Not covered by my sources: ", answer, StringComparison.Ordinal);
    }

    private Task<string> ComposeAsync(string question, AnswerStyle style) =>
        _composer.ComposeAsync(new PromptRequest(question, ExtractiveFixture.Sources) { Style = style });

    private Task<string> CheckAsync(string claim) =>
        _composer.ComposeAsync(new PromptRequest(claim, ExtractiveFixture.Sources) { Kind = PromptKind.CheckClaim });

    private static void AssertSection(string[] sections, string heading, string mention)
    {
        var section = Assert.Single(sections, s => s.StartsWith(heading, StringComparison.Ordinal));
        var sentences = SentenceSplitter.Default.Split(section[heading.Length..]);
        Assert.NotEmpty(sentences);
        Assert.All(sentences, sentence =>
        {
            var cited = Assert.Single(sentence.Citations);
            var source = Assert.Single(ExtractiveFixture.Sources, s => s.Number == cited);
            Assert.Contains(mention, source.Text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(sentence.Text, SentenceSplitter.Default.Split(source.Text).Select(s => s.Text));
        });
    }
}
