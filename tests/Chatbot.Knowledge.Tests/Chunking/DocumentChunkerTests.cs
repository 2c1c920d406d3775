using System.Text;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Documents;

namespace Chatbot.Knowledge.Tests.Chunking;

public sealed class DocumentChunkerTests
{
    private static readonly DocumentLoader _loader = new();
    private readonly DocumentChunker _chunker = new(new ChunkingOptions { MinWords = 60, MaxWords = 220, OverlapSentences = 1 });

    [Fact]
    public void Chunk_SectionsLongEnough_StartNewChunksAtHeadings()
    {
        var document = Markdown($"# Doc\n\n## Alpha\n\n{Sentences("alpha", 10)}\n\n## Beta\n\n{Sentences("beta", 10)}");

        var chunks = _chunker.Chunk(document);

        Assert.Equal(2, chunks.Count);
        Assert.Equal("Alpha", chunks[0].Section);
        Assert.Equal("Beta", chunks[1].Section);
        Assert.StartsWith("Doc\n\nAlpha\n\n", chunks[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Beta\n\n", chunks[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("beta", chunks[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_NestedHeadings_GiveHeadingPath()
    {
        var document = Markdown($"# Doc\n\n## Training\n\n### Mode collapse\n\n{Sentences("collapse", 10)}");

        var chunk = Assert.Single(_chunker.Chunk(document));

        Assert.Equal("Training > Mode collapse", chunk.Section);
    }

    [Fact]
    public void Chunk_ShortSections_AreMergedUntilMinimumLength()
    {
        var document = Markdown("# Doc\n\n## One\n\nShort one.\n\n## Two\n\nShort two.\n\n## Three\n\nShort three.");

        var chunk = Assert.Single(_chunker.Chunk(document));

        Assert.Contains("Short one.", chunk.Text, StringComparison.Ordinal);
        Assert.Contains("Short three.", chunk.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_LongSection_SplitsAtSentenceEndsWithinLimitsAndOverlapsOneSentence()
    {
        var document = Markdown($"# Doc\n\n## Long\n\n{Sentences("long", 30)}\n\n{Sentences("more", 30)}\n\n{Sentences("last", 30)}");

        var chunks = _chunker.Chunk(document);

        Assert.True(chunks.Count >= 3, $"expected several chunks, got {chunks.Count}");
        foreach (var chunk in chunks)
        {
            var words = WordCount(chunk.Text);
            Assert.InRange(words, 60, 220 + 20);
            Assert.EndsWith(".", chunk.Text, StringComparison.Ordinal);
            Assert.Equal("Long", chunk.Section);
        }

        for (var i = 1; i < chunks.Count; i++)
        {
            // The next chunk starts with the last sentence of the previous one.
            Assert.True(chunks[i].Start < chunks[i - 1].End, $"chunk {i} does not overlap the previous one");
            var overlap = document.Text[chunks[i].Start..chunks[i - 1].End];
            Assert.EndsWith(overlap, chunks[i - 1].Text, StringComparison.Ordinal);
            Assert.StartsWith("Sentence", overlap, StringComparison.Ordinal);
            Assert.Equal(1, overlap.Count(c => c == '.'));
        }
    }

    [Fact]
    public void Chunk_OffsetsMapBackToTheDocumentText()
    {
        var document = Markdown($"# Doc\n\nIntro text here.\n\n## A\n\n{Sentences("a", 40)}\n\n## B\n\n- item one\n- item two\n\n{Sentences("b", 5)}");

        var chunks = _chunker.Chunk(document);

        Assert.NotEmpty(chunks);
        foreach (var chunk in chunks)
        {
            Assert.Equal(document.Text[chunk.Start..chunk.End], chunk.Text);
        }

        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(document.Text.Length, chunks[^1].End);
    }

    [Fact]
    public void Chunk_SameDocumentTwice_GivesSameIdsAndOffsets()
    {
        var text = $"# Doc\n\n## A\n\n{Sentences("a", 50)}";

        var first = _chunker.Chunk(Markdown(text));
        var second = _chunker.Chunk(Markdown(text));

        Assert.Equal(
            first.Select(chunk => (chunk.Id, chunk.Start, chunk.End, chunk.Section, chunk.Text)),
            second.Select(chunk => (chunk.Id, chunk.Start, chunk.End, chunk.Section, chunk.Text)));
        Assert.Equal(Enumerable.Range(0, first.Count).Select(i => $"doc-id#{i}"), first.Select(chunk => chunk.Id));
        Assert.All(first, chunk => Assert.Equal("doc-id", chunk.DocumentId));
    }

    [Fact]
    public void Chunk_SentenceLongerThanMaximum_IsSplitByWords()
    {
        var giant = string.Join(' ', Enumerable.Range(0, 500).Select(i => $"w{i}"));
        var document = Markdown($"# Doc\n\n{giant}");

        var chunks = _chunker.Chunk(document);

        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, chunk => Assert.True(WordCount(chunk.Text) <= 220));
        Assert.Equal(500, chunks.Sum(chunk => WordCount(chunk.Text)) - WordCount("Doc"));
    }

    [Fact]
    public void Chunk_CarriesDocumentMetadata()
    {
        var chunk = Assert.Single(_chunker.Chunk(Markdown("# Doc\n\nOne sentence.")));

        Assert.Equal("Doc title", chunk.Title);
        Assert.Equal("https://example.org/doc", chunk.Url);
        Assert.Equal(KnowledgeCollections.BuiltIn, chunk.Collection);
        Assert.Equal(["t1"], chunk.Topics);
    }

    [Fact]
    public void Chunk_AsksComments_GoWithTheirSectionsAndNotIntoTheText()
    {
        var document = Markdown(
            $"# Doc\n\n<!-- asks: what is a frobnicator? | frobnicators explained -->\n\nA frobnicator turns widgets. {Sentences("lead", 8)}\n\n" +
            $"## Alpha\n\n<!-- asks: why do frobnicators squeak? -->\n\n{Sentences("alpha", 10)}\n\n## Beta\n\n<!-- a note for editors -->\n\n{Sentences("beta", 10)}");

        var chunks = _chunker.Chunk(document);

        Assert.Equal(["what is a frobnicator?", "frobnicators explained"], chunks[0].AskedAs);
        var alpha = Assert.Single(chunks, c => c.Section == "Alpha");
        Assert.Equal(["why do frobnicators squeak?"], alpha.AskedAs);
        Assert.Empty(Assert.Single(chunks, c => c.Section == "Beta").AskedAs);
        Assert.All(chunks, c => Assert.DoesNotContain("asks", c.Text, StringComparison.OrdinalIgnoreCase));
        Assert.All(chunks, c => Assert.DoesNotContain("editors", c.Text, StringComparison.Ordinal));
    }

    private static KnowledgeDocument Markdown(string body) => _loader.Parse(
        Encoding.UTF8.GetBytes($"---\nid: doc-id\ntitle: Doc title\nsources: [https://example.org/doc]\ntopics: [t1]\n---\n{body}"),
        "/docs/doc.md", "doc.md", KnowledgeCollections.BuiltIn);

    /// <summary>Sentences of nine words each.</summary>
    private static string Sentences(string topic, int count) =>
        string.Join(' ', Enumerable.Range(1, count).Select(i => $"Sentence {i} explains the {topic} topic in more detail."));

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
