using Chatbot.Knowledge.Retrieval;
using Chatbot.Knowledge.Tests.TestSupport;

namespace Chatbot.Knowledge.Tests.Retrieval;

/// <summary>
/// Questions an author lists under a heading (<c>&lt;!-- asks: ... --&gt;</c>) are searched with the section, so a
/// message put in words the section never uses still reaches it. Made-up entities, so only the listed questions can match.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class DocToQueryTests(MiniLmFixture model) : IDisposable
{
    private readonly KnowledgeHarness _harness = new(model.Generator);

    [Fact]
    public async Task Search_WordOnlyInASectionsQuestions_FindsThatSection()
    {
        File.WriteAllText(_harness.BuiltIn("vornish-lanterns.md"), """
            ---
            id: vornish-lanterns
            title: Vornish lanterns
            ---
            # Vornish lanterns

            A Vornish lantern is a brass lamp that burns pressed kelp oil and was carried by Quennish fishing crews.

            ## Cold starts

            <!-- asks: why won't my glimmerbox light when it's freezing? | lamp dead in winter -->

            Below freezing the kelp oil thickens, so the wick must be warmed for three minutes before the lantern will catch.

            ## Cleaning

            The chimney glass is washed in vinegar once a month and the wick is trimmed flat after every tenth burn.
            """.Replace("            ", string.Empty, StringComparison.Ordinal));
        var passages = await IngestAndRetrieveAsync("glimmerbox");

        var top = Assert.Single(passages, p => p.Bm25Rank == 1);
        Assert.Contains("three minutes", top.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("glimmerbox", top.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_MessageCloseToOneOfASectionsQuestions_RanksThatSectionFirstByItsQuestions()
    {
        File.WriteAllText(_harness.BuiltIn("quennish-boats.md"), Article(
            "quennish-boats", "Quennish boats",
            "A Quennish boat is a flat-bottomed skiff built from tarred reed bundles for the shallow Quennish lagoons.",
            "how do they keep those reed boats from leaking | what stops water getting into a skiff made of reeds",
            "Each reed bundle is soaked in pine tar for a week, and the seams are packed with wet clay that swells shut."));
        WriteNetsArticle();
        var passages = await IngestAndRetrieveAsync("my little reed canoe keeps taking on water, how do the Quennish waterproof theirs?");

        Assert.Equal("quennish-boats", passages[0].DocumentId);
        Assert.Equal(1, passages[0].AsksRank);
        Assert.Contains(passages, p => p.DocumentId == "quennish-nets" && p.AsksRank == 2);
        Assert.All(passages.Where(p => p.AsksRank is null), p => Assert.DoesNotContain("reed bundle", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_PassageWithoutQuestions_IsRankedByItsTextNotLeftBehind()
    {
        WriteNetsArticle();
        File.WriteAllText(_harness.Pilot("boats.md"), "# Reed boats\n\nOur reed boats are waterproofed by soaking each reed bundle in pine tar for a week and packing the seams with wet clay.\n");
        var passages = await IngestAndRetrieveAsync("how do you waterproof a reed boat?");

        Assert.Equal("boats", passages[0].DocumentId);
        Assert.Equal(1, passages[0].AsksRank);
    }

    /// <summary>Indexes what the test wrote (every file must ingest) and retrieves the passages for <paramref name="query"/>.</summary>
    private async Task<IReadOnlyList<RetrievedPassage>> IngestAndRetrieveAsync(string query)
    {
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        Assert.Empty((await ingestor.IngestAsync(ingestor.ConfiguredSources)).Failures);
        return await _harness.CreateRetriever(index).RetrieveAsync(query);
    }

    /// <summary>An article about nets whose one section lists what people ask about what nets are made of and their colour.</summary>
    private void WriteNetsArticle() =>
        File.WriteAllText(_harness.BuiltIn("quennish-nets.md"), Article(
            "quennish-nets", "Quennish nets",
            "Quennish nets are knotted from nettle fibre and dyed dark so that fish do not see them in clear water.",
            "what are the fishing nets made of | why are the nets so dark",
            "The nets are knotted from nettle fibre, boiled with oak bark to darken them, and mended by hand every spring."));

    private static string Article(string id, string title, string lead, string asks, string section) =>
        $"---\nid: {id}\ntitle: {title}\n---\n# {title}\n\n{lead}\n\n## How it is made\n\n<!-- asks: {asks} -->\n\n{section}\n";

    public void Dispose() => _harness.Dispose();
}
