using System.Text;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Documents;

namespace Chatbot.Knowledge.Tests.Documents;

public sealed class FaqTests
{
    private readonly DocumentLoader _loader = new();

    [Fact]
    public void FaqTable_Tsv_RowsSharingAQnaIdAreOneEntryAskedSeveralWays()
    {
        const string tsv = "Question\tAnswer\tSource\tMetadata\tQnaId\n"
            + "How long is the Zorblat warranty?\tZorblats carry a 3-year warranty.\thttps://help.zorblat.example/warranty\tcategory:warranty\t1\n"
            + "Is my Zorblat still covered?\tZorblats carry a 3-year warranty.\thttps://help.zorblat.example/warranty\tcategory:warranty\t1\n"
            + "Can I pay in instalments?\tYes, in three monthly parts.\t\t\t2\n";

        var entries = FaqTable.Parse(tsv, '\t', "faq.tsv");

        Assert.Equal(2, entries.Count);
        Assert.Equal(["How long is the Zorblat warranty?", "Is my Zorblat still covered?"], entries[0].Questions);
        Assert.Equal("https://help.zorblat.example/warranty", entries[0].Source);
        Assert.Equal("category:warranty", entries[0].Metadata);
        Assert.Null(entries[1].Source);
    }

    [Fact]
    public void FaqTable_Csv_QuotedFieldsMayHoldCommasQuotesAndLineBreaks_AndRowsWithoutIdGroupByAnswer()
    {
        const string csv = "question,answer\n\"Do you ship to Quennerland, too?\",\"Yes, \"\"express\"\" only.\nAllow 2 days.\"\nShipping to Quennerland?,\"Yes, \"\"express\"\" only.\nAllow 2 days.\"\n";

        var entry = Assert.Single(FaqTable.Parse(csv, ',', "faq.csv"));

        Assert.Equal(["Do you ship to Quennerland, too?", "Shipping to Quennerland?"], entry.Questions);
        Assert.Equal("Yes, \"express\" only.\nAllow 2 days.", entry.Answer);
    }

    [Theory]
    [InlineData("Question\tSource\nHi?\tx\n", "Answer")]
    [InlineData("Question\tAnswer\nWhere is my Zorblat?\t\n", "without an answer")]
    public void FaqTable_BadTable_SaysWhatIsWrong(string tsv, string expected)
    {
        var error = Assert.Throws<DocumentFormatException>(() => FaqTable.Parse(tsv, '\t', "faq.tsv"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FaqMarkdown_FileWhoseHeadingsAreQuestions_IsAFaq()
    {
        var (entries, body) = FaqMarkdown.Extract("# More questions\n\nIntro.\n\n## Do Zorblats float?\n\nOnly in salt water.\n\n## How heavy is a Zorblat?\n\nAbout **two** kilograms.\n");

        Assert.Equal(2, entries.Count);
        Assert.Equal("About two kilograms.", entries[1].Answer);
        Assert.Contains("Intro.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("float", body, StringComparison.Ordinal);
    }

    [Fact]
    public void FaqMarkdown_ArticleWithAQuestionsSection_KeepsItsProseAndTakesTheEntries()
    {
        const string article = "# Zorblats\n\nZorblats hum.\n\n## Questions\n\n### Why do Zorblats hum?\n\nTheir coils vibrate.\n\n## History\n\nFirst built in 1901.\n";

        var (entries, body) = FaqMarkdown.Extract(article);

        var entry = Assert.Single(entries);
        Assert.Equal("Why do Zorblats hum?", entry.Questions[0]);
        Assert.Contains("First built in 1901.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("coils", body, StringComparison.Ordinal);
    }

    [Fact]
    public void FaqMarkdown_ArticleWithoutQuestions_IsUnchanged()
    {
        const string article = "# Zorblats\n\n## How they hum\n\nCoils vibrate.\n";

        var (entries, body) = FaqMarkdown.Extract(article);

        Assert.Empty(entries);
        Assert.Equal(article, body);
    }

    [Fact]
    public void LoadedFaq_EachEntryIsAChunkOfItsAnswer_FoundByItsQuestions()
    {
        const string tsv = "Question\tAnswer\tSource\tQnaId\nHow long is the Zorblat warranty?\tZorblats carry a 3-year warranty.\thttps://help.zorblat.example/warranty\t1\nIs my Zorblat covered?\tZorblats carry a 3-year warranty.\thttps://help.zorblat.example/warranty\t1\n";
        var document = _loader.Parse(Encoding.UTF8.GetBytes(tsv), "/pilot/faq.tsv", "faq.tsv", KnowledgeCollections.Pilot);

        var chunks = new DocumentChunker(new ChunkingOptions()).Chunk(document);

        var chunk = Assert.Single(chunks, c => c.Questions.Count > 0);
        Assert.Equal("Zorblats carry a 3-year warranty.", chunk.Text);
        Assert.Equal(chunk.Text, document.Text[chunk.Start..chunk.End]);
        Assert.Equal("How long is the Zorblat warranty?", chunk.Section);
        Assert.Equal(2, chunk.Questions.Count);
        Assert.Equal("https://help.zorblat.example/warranty", chunk.Url);
        Assert.True(DocumentLoader.IsSupported("faq.csv"));
    }
}
