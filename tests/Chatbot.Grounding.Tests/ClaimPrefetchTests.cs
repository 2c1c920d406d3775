using Chatbot.Grounding.Model;
using Chatbot.Grounding.Tests.Doubles;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Text;

namespace Chatbot.Grounding.Tests;

/// <summary>A model's sentences are embedded while it writes the next one, and the check then embeds only what is left.</summary>
public sealed class ClaimPrefetchTests
{
    private const string Passage =
        "The Quillfeather engine was released by Harrow Labs in 2031. It renders vector art from a short text prompt. " +
        "Its second version added animation.";

    // Paraphrases, not quotes: each needs a vector of its own.
    private const string Answer =
        "Harrow Labs shipped the Quillfeather engine in 2031 [1]. From a brief prompt it draws vector art [1]. " +
        "Animation arrived with version two [1].";

    /// <summary>Every claim goes to the dense stage, so any claim without a vector would be embedded by the check.</summary>
    private static GroundingChecker Checker(HashingEmbedder embedder)
    {
        var shipped = GroundingModel.LoadDefault();
        var model = new GroundingModel(shipped.Features, shipped.Means, shipped.Scales, shipped.Weights, shipped.Bias, shipped.Threshold)
        {
            DenseCandidates = shipped.DenseCandidates,
            LexicalStage = shipped.LexicalStage,
            DenseClaimBudget = 10,
            DenseDoubtBand = double.PositiveInfinity,
        };
        return new GroundingChecker(embedder, model);
    }

    private static GroundingSource Stored()
    {
        var ingestion = new HashingEmbedder();
        var sentences = SentenceSplitter.Default.Split(Passage)
            .Select(s => new ChunkSentence(s.Start, s.Length, s.Text, ingestion.GenerateAsync([ChunkSentence.EmbeddedText(s.Text)]).Result[0].Vector))
            .ToArray();
        return new GroundingSource(1, Passage) { Sentences = sentences };
    }

    /// <summary>The answer as a model streams it: a word at a time.</summary>
    private static IEnumerable<string> Tokens(string text) => System.Text.RegularExpressions.Regex.Split(text, "(?<= )");

    [Fact]
    public async Task Append_EmbedsEachSentenceOnceTheNextHasBegun_AndTheCheckEmbedsOnlyTheLast()
    {
        var embedder = new HashingEmbedder();
        var checker = Checker(embedder);
        var source = Stored();
        var prefetch = checker.BeginAnswer([source]);

        foreach (var token in Tokens(Answer))
        {
            prefetch.Append(token);
        }

        var known = await prefetch.CompleteAsync();
        Assert.Equal(["Harrow Labs shipped the Quillfeather engine in 2031.", "From a brief prompt it draws vector art."], embedder.Embedded);
        Assert.Equal(2, known.Count);

        var report = await checker.CheckAsync(Answer, [source], [], known);

        Assert.Equal(["Animation arrived with version two."], embedder.Embedded.Skip(2));
        Assert.Equal(3, report.Sentences.Count);
    }

    [Fact]
    public async Task CheckAsync_WithPrefetchedVectors_GivesTheSameReportAsWithout()
    {
        var source = Stored();
        var prefetching = Checker(new HashingEmbedder());
        var prefetch = prefetching.BeginAnswer([source]);
        foreach (var token in Tokens(Answer))
        {
            prefetch.Append(token);
        }

        var withPrefetch = await prefetching.CheckAsync(Answer, [source], [], await prefetch.CompleteAsync());
        var without = await Checker(new HashingEmbedder()).CheckAsync(Answer, [source]);

        Assert.Equal(without.Sentences.Select(s => (s.Text, s.Verdict, s.Score)), withPrefetch.Sentences.Select(s => (s.Text, s.Verdict, s.Score)));
    }

    [Theory]
    [InlineData("Harrow Labs shipped the Quillfeather engine in 2031. [1] From a brief prompt it draws vector art.")]
    [InlineData("Harrow Labs shipped the Quillfeather engine in 2031 [1].\n\nFrom a brief prompt it draws vector art.")]
    [InlineData("- Harrow Labs shipped the Quillfeather engine in 2031\n- From a brief prompt it draws vector art")]
    public async Task Append_SentenceClosedByCitationOrLineBreak_StartsWhenTheNextBegins(string answer)
    {
        var embedder = new HashingEmbedder();
        var prefetch = Checker(embedder).BeginAnswer([Stored()]);

        foreach (var token in System.Text.RegularExpressions.Regex.Split(answer, "(?<=[ \n])"))
        {
            prefetch.Append(token);
        }

        var known = await prefetch.CompleteAsync();
        Assert.Equal(1, embedder.Texts);
        Assert.StartsWith("Harrow Labs shipped", Assert.Single(known.Keys), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_QuotesOfStoredSentences_AreNotEmbedded()
    {
        var embedder = new HashingEmbedder();
        var prefetch = Checker(embedder).BeginAnswer([Stored()]);

        foreach (var token in Tokens("It renders vector art from a short text prompt. Its second version added animation. And more"))
        {
            prefetch.Append(token);
        }

        Assert.Empty(await prefetch.CompleteAsync());
        Assert.Equal(0, embedder.Texts);
    }

    [Fact]
    public async Task CompleteAsync_TurnCancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var prefetch = Checker(new HashingEmbedder()).BeginAnswer([Stored()], cancellation.Token);
        prefetch.Append("Harrow Labs shipped the Quillfeather engine in 2031 [1]. From ");

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => prefetch.CompleteAsync());
    }
}
