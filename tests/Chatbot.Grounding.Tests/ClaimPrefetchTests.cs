using Chatbot.Grounding.Tests.Doubles;

namespace Chatbot.Grounding.Tests;

/// <summary>A model's sentences are embedded while it writes the next one, and the check then embeds only what is left.</summary>
public sealed class ClaimPrefetchTests
{
    // Paraphrases, not quotes: each needs a vector of its own.
    private const string Answer =
        "Harrow Labs shipped the Quillfeather engine in 2031 [1]. From a brief prompt it draws vector art [1]. " +
        "Animation arrived with version two [1].";

    /// <summary>The answer as a model streams it: a word at a time.</summary>
    private static IEnumerable<string> Tokens(string text) => System.Text.RegularExpressions.Regex.Split(text, "(?<= )");

    [Fact]
    public async Task Append_EmbedsEachSentenceOnceTheNextHasBegun_AndTheCheckEmbedsOnlyTheLast()
    {
        var embedder = new HashingEmbedder();
        var checker = StoredPassage.AllDenseChecker(embedder);
        var source = StoredPassage.Source(new HashingEmbedder());
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
        var source = StoredPassage.Source(new HashingEmbedder());
        var prefetching = StoredPassage.AllDenseChecker(new HashingEmbedder());
        var prefetch = prefetching.BeginAnswer([source]);
        foreach (var token in Tokens(Answer))
        {
            prefetch.Append(token);
        }

        var withPrefetch = await prefetching.CheckAsync(Answer, [source], [], await prefetch.CompleteAsync());
        var without = await StoredPassage.AllDenseChecker(new HashingEmbedder()).CheckAsync(Answer, [source]);

        Assert.Equal(without.Sentences.Select(s => (s.Text, s.Verdict, s.Score)), withPrefetch.Sentences.Select(s => (s.Text, s.Verdict, s.Score)));
    }

    [Theory]
    [InlineData("Harrow Labs shipped the Quillfeather engine in 2031. [1] From a brief prompt it draws vector art.")]
    [InlineData("Harrow Labs shipped the Quillfeather engine in 2031 [1].\n\nFrom a brief prompt it draws vector art.")]
    [InlineData("- Harrow Labs shipped the Quillfeather engine in 2031\n- From a brief prompt it draws vector art")]
    public async Task Append_SentenceClosedByCitationOrLineBreak_StartsWhenTheNextBegins(string answer)
    {
        var embedder = new HashingEmbedder();
        var prefetch = StoredPassage.AllDenseChecker(embedder).BeginAnswer([StoredPassage.Source(new HashingEmbedder())]);

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
        var prefetch = StoredPassage.AllDenseChecker(embedder).BeginAnswer([StoredPassage.Source(new HashingEmbedder())]);

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
        var prefetch = StoredPassage.AllDenseChecker(new HashingEmbedder()).BeginAnswer([StoredPassage.Source(new HashingEmbedder())], cancellation.Token);
        prefetch.Append("Harrow Labs shipped the Quillfeather engine in 2031 [1]. From ");

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => prefetch.CompleteAsync());
    }
}
