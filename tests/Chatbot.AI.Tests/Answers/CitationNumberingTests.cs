using Chatbot.AI.Answers;
using Chatbot.Grounding;

namespace Chatbot.AI.Tests.Answers;

public sealed class CitationNumberingTests
{
    // Passages as a retriever might number them: two of the Zorblat document, one of Quenner's, one never cited.
    private static readonly CitationNumbering.Passage[] Passages =
    [
        new(1, "quenner", "Quenner looms", "https://example.org/quenner", "Quenner looms weave light."),
        new(2, "zorblat", "The Zorblat engine", "https://example.org/zorblat", "The Zorblat engine hums."),
        new(3, "unused", "Unused notes", "https://example.org/unused", "Nothing cited here."),
        new(4, "zorblat", "The Zorblat engine", "https://example.org/zorblat", "It was built in 1901."),
    ];

    [Fact]
    public void Renumber_CountsFromOneInOrderOfFirstCitation()
    {
        var answer = Build("The Zorblat engine hums. [4] Quenner looms weave light. [1]", ([4], 0, 28), ([1], 29, 30));

        var renumbered = CitationNumbering.Renumber(answer, Passages);

        Assert.Equal("The Zorblat engine hums. [1] Quenner looms weave light. [2]", renumbered.Text);
        Assert.Equal([1], renumbered.Sentences[0].Citations);
        Assert.Equal([2], renumbered.Sentences[1].Citations);
        Assert.Equal(["The Zorblat engine", "Quenner looms", "Unused notes"], renumbered.Citations.Select(c => c.Title));
        Assert.Equal([1, 2, 3], renumbered.Citations.Select(c => c.Number));
    }

    [Fact]
    public void Renumber_GivesOneNumberToEveryPassageOfADocument()
    {
        var answer = Build("The Zorblat engine hums. [2] It was built in 1901. [4][2]", ([2], 0, 28), ([4, 2], 29, 28));

        var renumbered = CitationNumbering.Renumber(answer, Passages);

        Assert.Equal("The Zorblat engine hums. [1] It was built in 1901. [1]", renumbered.Text);
        Assert.Equal([1], renumbered.Sentences[1].Citations);
        var zorblat = Assert.Single(renumbered.Citations, c => c.Number == 1);
        Assert.Contains("hums", zorblat.Quote);
        Assert.Contains("1901", zorblat.Quote);
        Assert.Equal(3, renumbered.Citations.Count);
    }

    [Fact]
    public void Renumber_KeepsSentenceOffsetsOnTheRewrittenText()
    {
        var answer = Build("Looms weave light. [1] Engines hum. [2, 4]", ([1], 0, 22), ([2, 4], 23, 19));

        var renumbered = CitationNumbering.Renumber(answer, Passages);

        Assert.Equal("Looms weave light. [1] Engines hum. [2]", renumbered.Text);
        var second = renumbered.Sentences[1];
        Assert.Equal("Engines hum. [2]", renumbered.Text.Substring(second.Start, second.Length));
        var first = renumbered.Sentences[0];
        Assert.Equal("Looms weave light. [1]", renumbered.Text.Substring(first.Start, first.Length));
    }

    [Fact]
    public void Renumber_LeavesANumberThatNamesNoSourceAsWritten()
    {
        var answer = Build("Engines hum. [9] Looms weave light. [4]", ([9], 0, 16), ([4], 17, 22));

        var renumbered = CitationNumbering.Renumber(answer, Passages);

        Assert.Equal("Engines hum. [9] Looms weave light. [1]", renumbered.Text);
        Assert.Equal([9], renumbered.Sentences[0].Citations);
        Assert.DoesNotContain(renumbered.Citations, c => c.Number == 9);
    }

    [Fact]
    public void Renumber_MapsEvidenceAndTheMarkersInAReason()
    {
        var answer = Build("Engines sing. [4]", ([4], 0, 17)) with { };
        answer = answer with
        {
            Sentences = [answer.Sentences[0] with { Verdict = GroundingVerdict.Unsupported, EvidenceSource = 1, Reason = "Supported by [1], not by the cited [4]." }],
        };

        var renumbered = CitationNumbering.Renumber(answer, Passages);

        var sentence = Assert.Single(renumbered.Sentences);
        Assert.Equal(2, sentence.EvidenceSource);
        Assert.Equal("Supported by [2], not by the cited [1].", sentence.Reason);
    }

    [Fact]
    public void Renumber_NumbersEveryOfferedDocumentWhenNothingIsCited()
    {
        var answer = new Answer("My sources don't cover that.", [new AnswerSentence("My sources don't cover that.", [], GroundingVerdict.Supported, 1)], [], "extractive");

        var renumbered = CitationNumbering.Renumber(answer, Passages);

        Assert.Equal(["Quenner looms", "The Zorblat engine", "Unused notes"], renumbered.Citations.Select(c => c.Title));
        Assert.Equal("My sources don't cover that.", renumbered.Text);
    }

    [Fact]
    public void Renumber_KeepsFlagSpansOnTheSentenceAndPlaceableInTheRewrittenText()
    {
        const string text = "The Zorblat engine hums. [2][4] It was built in 1911. [4]";
        var answer = new Answer(
            text,
            [
                new AnswerSentence("The Zorblat engine hums.", [2, 4], GroundingVerdict.Supported, 0.9) { Start = 0, Length = 31 },
                new AnswerSentence("It was built in 1911.", [4], GroundingVerdict.Contradicted, 0.2)
                {
                    Start = 32,
                    Length = 25,
                    Spans = [new FlagSpan(16, 4) { Instead = "1901" }],
                },
            ],
            [],
            "ollama");

        var renumbered = CitationNumbering.Renumber(answer, Passages);

        Assert.Equal("The Zorblat engine hums. [1] It was built in 1911. [1]", renumbered.Text);
        var flagged = renumbered.Sentences[1];
        var span = Assert.Single(flagged.Spans);
        Assert.Equal("1911", span.Of(flagged.Text));
        Assert.Equal("1901", span.Instead);
        var placed = span.ToAnswer(renumbered.Text, flagged.Start, flagged.Length, flagged.Text);
        Assert.NotNull(placed);
        Assert.Equal("1911", renumbered.Text.Substring(placed.Value.Start, placed.Value.Length));

        // A sentence dropped from the answer (as a repair would) leaves the other's span relative to its own text, still true.
        var repaired = renumbered with { Sentences = [flagged] };
        Assert.Equal("1911", Assert.Single(repaired.Sentences).Spans[0].Of(flagged.Text));
    }

    private static Answer Build(string text, params (int[] Citations, int Start, int Length)[] sentences) =>
        new(
            text,
            sentences.Select(s => new AnswerSentence(text.Substring(s.Start, s.Length), s.Citations, GroundingVerdict.Supported, 1) { Start = s.Start, Length = s.Length }).ToArray(),
            [],
            "extractive");
}
