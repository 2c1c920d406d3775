using Chatbot.Grounding.Tests.Doubles;
using Chatbot.Knowledge.Chunking;

namespace Chatbot.Grounding.Tests;

/// <summary>The check reads the sentences and vectors the index stored, and embeds only text nobody embedded before.</summary>
public sealed class StoredSentencesTests
{
    [Fact]
    public async Task CheckAsync_VerbatimQuotesOfStoredSentences_EmbedNothing()
    {
        var source = StoredPassage.Source(new HashingEmbedder());
        var embedder = new HashingEmbedder();

        var report = await StoredPassage.AllDenseChecker(embedder).CheckAsync(
            "The Quillfeather engine was released by Harrow Labs in 2031. [1] It renders vector art from a short text prompt. [1]", [source]);

        Assert.Equal(0, embedder.Texts);
        Assert.All(report.Sentences, s => Assert.Equal(GroundingVerdict.Supported, s.Verdict));
    }

    [Fact]
    public async Task CheckAsync_VerbatimQuote_IsSupportedByTheQuotedSentenceOfTheCitedSource()
    {
        var report = await StoredPassage.AllDenseChecker(new HashingEmbedder()).CheckAsync("Its second version added animation. [1]", [StoredPassage.Source(new HashingEmbedder())]);

        var sentence = Assert.Single(report.Sentences);
        Assert.Equal(GroundingVerdict.Supported, sentence.Verdict);
        Assert.Equal(1, sentence.EvidenceSource);
        Assert.Equal("Its second version added animation.", sentence.Evidence);
        Assert.Equal(0, sentence.Start);
        Assert.Equal("Its second version added animation. [1]".Length, sentence.Length);
    }

    [Fact]
    public async Task CheckAsync_VerbatimQuotesUnderSectionLabels_EmbedNothing()
    {
        var embedder = new HashingEmbedder();

        var report = await StoredPassage.AllDenseChecker(embedder).CheckAsync(
            "**In short:** It renders vector art from a short text prompt. [1]\n\n**Quillfeather:** Its second version added animation. [1]", [StoredPassage.Source(new HashingEmbedder())]);

        Assert.Equal(0, embedder.Texts);
        Assert.Equal(2, report.Sentences.Count);
        Assert.All(report.Sentences, s => Assert.Equal(GroundingVerdict.Supported, s.Verdict));
    }

    [Fact]
    public async Task CheckAsync_VerbatimQuoteCitingAnotherSource_IsWeighedInFull()
    {
        var stored = StoredPassage.Source(new HashingEmbedder());
        var elsewhere = new GroundingSource(2, "Harrow Labs is based in Leeds.")
        {
            Sentences = [new ChunkSentence(0, 30, "Harrow Labs is based in Leeds.", (await new HashingEmbedder().GenerateAsync(["Harrow Labs is based in Leeds."]))[0].Vector)],
        };

        var report = await StoredPassage.AllDenseChecker(new HashingEmbedder()).CheckAsync("Its second version added animation. [2]", [stored, elsewhere]);

        Assert.Equal(GroundingVerdict.WrongCitation, Assert.Single(report.Sentences).Verdict);
    }

    [Fact]
    public async Task CheckAsync_ModelWrittenSentence_IsTheOnlyTextEmbedded()
    {
        var source = StoredPassage.Source(new HashingEmbedder());
        var embedder = new HashingEmbedder();

        await StoredPassage.AllDenseChecker(embedder).CheckAsync("Harrow Labs shipped Quillfeather, a text-to-vector-art engine, in 2031 [1].", [source]);

        Assert.Equal(1, embedder.Texts);
    }

    [Fact]
    public async Task CheckAsync_SentenceQuotingAStoredSentence_IsComparedByTheQuotesVector()
    {
        var source = StoredPassage.Source(new HashingEmbedder());
        var embedder = new HashingEmbedder();

        var report = await StoredPassage.AllDenseChecker(embedder).CheckAsync(
            "Contradicted: my sources say otherwise, namely \u201CThe Quillfeather engine was released by Harrow Labs in 2031\u201D. [1]", [source]);

        Assert.Equal(0, embedder.Texts);
        Assert.Equal(GroundingVerdict.Supported, Assert.Single(report.Sentences).Verdict);
    }

    [Fact]
    public async Task CheckAsync_ClaimWithAKnownVector_IsNotEmbeddedAgain()
    {
        var source = StoredPassage.Source(new HashingEmbedder());
        const string Claim = "Harrow Labs shipped Quillfeather in 2031.";
        var known = new Dictionary<string, float[]> { [Claim] = (await new HashingEmbedder().GenerateAsync([Claim]))[0].Vector.ToArray() };
        var embedder = new HashingEmbedder();

        await StoredPassage.AllDenseChecker(embedder).CheckAsync($"{Claim} [1]", [source], [], known);

        Assert.Equal(0, embedder.Texts);
    }

    [Fact]
    public async Task CheckAsync_SourceWithoutStoredSentences_IsSplitAndEmbedded()
    {
        var embedder = new HashingEmbedder();

        await StoredPassage.AllDenseChecker(embedder).CheckAsync("Harrow Labs shipped Quillfeather, a text-to-vector-art engine, in 2031 [1].", [new GroundingSource(1, StoredPassage.Text)]);

        // The claim and the passage's sentences worth comparing it with: at least one source sentence was embedded.
        Assert.True(embedder.Texts >= 2, $"{embedder.Texts} texts embedded");
    }
}
