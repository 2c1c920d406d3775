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
        var index = _harness.CreateIndex();
        var ingestor = _harness.CreateIngestor(index);
        Assert.Empty((await ingestor.IngestAsync(ingestor.ConfiguredSources)).Failures);

        var passages = await _harness.CreateRetriever(index).RetrieveAsync("glimmerbox");

        var top = Assert.Single(passages, p => p.Bm25Rank == 1);
        Assert.Contains("three minutes", top.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("glimmerbox", top.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();
}
