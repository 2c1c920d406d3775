using System.Text;
using Chatbot.Knowledge.Documents;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Chatbot.Knowledge.Tests.Documents;

public sealed class DocumentLoaderTests
{
    private readonly DocumentLoader _loader = new();

    [Fact]
    public void Parse_CuratedMarkdown_TakesMetadataFromFrontMatter()
    {
        var document = Parse("gans.md", """
            ---
            id: generative-adversarial-networks
            title: Generative adversarial networks (GANs)
            sources:
              - https://arxiv.org/abs/1406.2661
            topics: [gan, generator]
            ---
            # Generative adversarial networks (GANs)

            ## How it works
            A **generator** makes [fake samples](https://example.org) and a `discriminator` judges them.
            """, KnowledgeCollections.BuiltIn);

        Assert.Equal("generative-adversarial-networks", document.Id);
        Assert.Equal("Generative adversarial networks (GANs)", document.Title);
        Assert.Equal("https://arxiv.org/abs/1406.2661", document.Url);
        Assert.Equal(KnowledgeCollections.BuiltIn, document.Collection);
        Assert.Equal(["gan", "generator"], document.Topics);
        Assert.Equal(64, document.ContentHash.Length);
        Assert.Equal(
            "Generative adversarial networks (GANs)\n\nHow it works\n\nA generator makes fake samples and a discriminator judges them.",
            document.Text);
        Assert.Equal([DocumentBlockKind.Heading, DocumentBlockKind.Heading, DocumentBlockKind.Paragraph], document.Blocks.Select(block => block.Kind));
        Assert.Equal("How it works", document.GetText(document.Blocks[1]));
    }

    [Theory]
    [InlineData("---\ntitle: No id\n---\ntext", "id")]
    [InlineData("---\nid: no-title\n---\ntext", "title")]
    [InlineData("# No front matter\n\ntext", "front matter")]
    public void Parse_CuratedMarkdownWithoutIdOrTitle_ThrowsNamingTheFile(string content, string expected)
    {
        var ex = Assert.Throws<DocumentFormatException>(() => Parse("bad.md", content, KnowledgeCollections.BuiltIn));

        Assert.Contains("bad.md", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PilotMarkdownWithoutFrontMatter_DerivesIdFromRelativePathAndTitleFromHeading()
    {
        var document = _loader.Parse(
            Encoding.UTF8.GetBytes("# Onboarding Guide\n\n- first item\n- second item\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
            "/data/pilot/Guides/On Boarding.md", "Guides/On Boarding.md", KnowledgeCollections.Pilot);

        Assert.Equal("guides-on-boarding", document.Id);
        Assert.Equal("Onboarding Guide", document.Title);
        Assert.Equal("/data/pilot/Guides/On Boarding.md", document.Url);
        Assert.Equal("Onboarding Guide\n\nfirst item\nsecond item\n\na: 1; b: 2", document.Text);
    }

    [Theory]
    [InlineData(
        "plans.html",
        "<html><body><h1>Plans</h1><table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Glimmer</td><td>€12</td></tr></tbody></table><table><tr><td>no</td><td>header</td></tr></table></body></html>",
        "Plans\n\nPlan: Glimmer; Price: €12\n\nno | header")]
    [InlineData(
        "plans.md",
        "# Plans\n\n| Plan | Price | Seats |\n|:--|--:|---|\n| Glimmer | €12 | 3 |\n| Quorbit |  | 9 |\n\nAfter the table.\n\n| no | header |\n| row | two |",
        "Plans\n\nPlan: Glimmer; Price: €12; Seats: 3\nPlan: Quorbit; Seats: 9\n\nAfter the table.\n\nno | header\nrow | two")]
    public void Parse_Table_EachRowNamesItsColumns(string file, string content, string expected)
    {
        var document = _loader.Parse(Encoding.UTF8.GetBytes(content), "/data/pilot/" + file, file, KnowledgeCollections.Pilot);

        Assert.Equal(expected, document.Text);
    }

    [Fact]
    public void Parse_Html_KeepsTitleHeadingsAndTextAndDropsScriptsStylesAndNavigation()
    {
        var document = Parse("page.html", """
            <html><head><title>Prompt basics</title><style>p { color: red }</style></head>
            <body>
              <nav><a href="/">Home</a> | <a href="/about">About</a></nav>
              <h1>Prompt basics</h1>
              <p>A prompt is the <b>instruction</b> given to a model.</p>
              <script>var secret = "do not index";</script>
              <h2>Examples</h2>
              <ul><li>Few-shot prompts show examples.</li><li>Zero-shot prompts do not.</li></ul>
              <div>Loose text in a div.</div>
            </body></html>
            """, KnowledgeCollections.Pilot);

        Assert.Equal("Prompt basics", document.Title);
        Assert.Equal("page", document.Id);
        Assert.Equal(
            "Prompt basics\n\nA prompt is the instruction given to a model.\n\nExamples\n\nFew-shot prompts show examples.\n\nZero-shot prompts do not.\n\nLoose text in a div.",
            document.Text);
        Assert.DoesNotContain("secret", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Home", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PlainText_UsesShortFirstLineAsTitle()
    {
        var document = Parse("notes.txt", "Model cards\n\nA model card documents a model's intended use\nand its limits.\n\nSecond paragraph.", KnowledgeCollections.Pilot);

        Assert.Equal("Model cards", document.Title);
        Assert.Equal("Model cards\n\nA model card documents a model's intended use and its limits.\n\nSecond paragraph.", document.Text);
    }

    [Fact]
    public void Parse_Pdf_ReadsPageTextUnderPageHeadings()
    {
        var document = Parse("report.pdf", CreatePdf("Diffusion models remove noise step by step."), KnowledgeCollections.Pilot);

        Assert.Equal("report", document.Title);
        Assert.Equal("Page 1", document.GetText(document.Blocks[0]));
        Assert.Contains("Diffusion models remove noise step by step.", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CorruptPdf_ThrowsNamingTheFile()
    {
        var ex = Assert.Throws<DocumentFormatException>(() => Parse("broken.pdf", "%PDF-1.7 this is not really a pdf"u8.ToArray(), KnowledgeCollections.Pilot));

        Assert.Contains("broken.pdf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameBytes_GiveSameHash_DifferentBytes_Differ()
    {
        var a = Parse("a.txt", "Same text.", KnowledgeCollections.Pilot);
        var b = Parse("b.txt", "Same text.", KnowledgeCollections.Pilot);
        var c = Parse("c.txt", "Other text.", KnowledgeCollections.Pilot);

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }

    internal static byte[] CreatePdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(595, 842);
        var y = 800.0;
        foreach (var line in lines)
        {
            page.AddText(line, 12, new UglyToad.PdfPig.Core.PdfPoint(40, y), font);
            y -= 20;
        }

        return builder.Build();
    }

    private KnowledgeDocument Parse(string fileName, string content, string collection) =>
        Parse(fileName, Encoding.UTF8.GetBytes(content), collection);

    private KnowledgeDocument Parse(string fileName, byte[] content, string collection) =>
        _loader.Parse(content, "/docs/" + fileName, fileName, collection);
}
