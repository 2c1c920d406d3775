using Chatbot.Knowledge.Documents;

namespace Chatbot.Knowledge.Tests.Documents;

public sealed class FrontMatterParserTests
{
    [Fact]
    public void Split_ReadsAllFields()
    {
        var (frontMatter, body) = FrontMatterParser.Split("""
            ---
            id: generative-adversarial-networks
            title: Generative adversarial networks (GANs)
            sources:
              - https://arxiv.org/abs/1406.2661
              - https://example.org/second
            topics: [gan, generator, discriminator]
            last_reviewed: 2026-11-29
            ---
            # Title
            """, "gans.md");

        Assert.NotNull(frontMatter);
        Assert.Equal("generative-adversarial-networks", frontMatter.Id);
        Assert.Equal("Generative adversarial networks (GANs)", frontMatter.Title);
        Assert.Equal(["https://arxiv.org/abs/1406.2661", "https://example.org/second"], frontMatter.Sources);
        Assert.Equal(["gan", "generator", "discriminator"], frontMatter.Topics);
        Assert.Equal(new DateOnly(2026, 11, 29), frontMatter.LastReviewed);
        Assert.Equal("# Title", body);
    }

    [Fact]
    public void Split_WithoutFrontMatter_ReturnsWholeTextAsBody()
    {
        var (frontMatter, body) = FrontMatterParser.Split("# Just markdown\n\nText.", "plain.md");

        Assert.Null(frontMatter);
        Assert.Equal("# Just markdown\n\nText.", body);
    }

    [Fact]
    public void Split_ScalarTopic_IsAcceptedAsList()
    {
        var (frontMatter, _) = FrontMatterParser.Split("---\nid: a\ntitle: A\ntopics: gan\n---\ntext", "a.md");

        Assert.Equal(["gan"], frontMatter!.Topics);
    }

    [Fact]
    public void Split_InvalidYaml_ThrowsNamingTheFileAndLine()
    {
        var ex = Assert.Throws<DocumentFormatException>(() =>
            FrontMatterParser.Split("---\nid: a\ntitle: [unclosed\n---\ntext", "/docs/broken.md"));

        Assert.Equal("/docs/broken.md", ex.Path);
        Assert.StartsWith("/docs/broken.md:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_UnclosedFrontMatter_ThrowsNamingTheFile()
    {
        var ex = Assert.Throws<DocumentFormatException>(() => FrontMatterParser.Split("---\nid: a\ntitle: A\n# Body", "open.md"));

        Assert.Contains("open.md", ex.Message, StringComparison.Ordinal);
        Assert.Contains("closing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_InvalidDate_Throws()
    {
        var ex = Assert.Throws<DocumentFormatException>(() =>
            FrontMatterParser.Split("---\nid: a\ntitle: A\nlast_reviewed: someday\n---\ntext", "date.md"));

        Assert.Contains("last_reviewed", ex.Message, StringComparison.Ordinal);
    }
}
