using Chatbot.AI.Answers;
using Chatbot.Conversation.Rendering;
using Chatbot.Grounding;
using Chatbot.Knowledge.Text;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Tests.Rendering;

/// <summary>The Markdown answer every channel shows: flags, unknown citations, sources, nothing dropped.</summary>
public sealed class AnswerRendererTests
{
    private static readonly Citation[] s_citations =
    [
        new(1, "GPT-4", "https://example.org/gpt-4", "OpenAI released GPT-4 on 14 March 2023. It accepts image and text inputs."),
        new(2, "Diffusion models", "/srv/knowledge/diffusion.md", "A diffusion model learns to reverse a gradual noising process."),
        new(3, "Generative adversarial networks", "http://example.org/gans", "A GAN trains a generator against a discriminator."),
    ];

    [Fact]
    public void RenderMarkdown_FlaggedSentences_GetAWarningSignAndTheSummaryCountsThem()
    {
        var answer = Answer(
            Sentence("OpenAI released GPT-4 on 14 March 2023.", [1], GroundingVerdict.Supported),
            Sentence("GPT-4 was released in 2021.", [1], GroundingVerdict.Contradicted),
            Sentence("A diffusion model learns to reverse a gradual noising process.", [2], GroundingVerdict.Supported),
            Sentence("GPT-4 steers household robots.", [1], GroundingVerdict.Unsupported));

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.Contains("OpenAI released GPT-4 on 14 March 2023. [1] ⚠ GPT-4 was released in 2021. [1]", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠ GPT-4 steers household robots. [1]", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠ OpenAI released", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠ A diffusion model", markdown, StringComparison.Ordinal);
        Assert.Contains("**2 of 4 statements could not be verified: 1 contradicted by its source, 1 with no source that says it.**", markdown, StringComparison.Ordinal);
        Assert.Contains(AnswerRenderer.FlagFootnote, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_AllSupported_HasNoWarningAndNoSummary()
    {
        var answer = Answer(
            Sentence("OpenAI released GPT-4 on 14 March 2023.", [1], GroundingVerdict.Supported),
            Sentence("A diffusion model learns to reverse a gradual noising process.", [2], GroundingVerdict.Supported));

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.DoesNotContain("⚠", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be verified", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_CitationOfAMissingSource_IsMarkedUnknownAndNotListed()
    {
        var answer = Answer(Sentence("OpenAI released GPT-4 on 14 March 2023.", [9], GroundingVerdict.WrongCitation));

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.Contains("2023. [9?]", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[9]", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("**Sources**", markdown, StringComparison.Ordinal);
        Assert.Contains("**1 of 1 statement could not be verified: 1 citing the wrong source.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_Sources_ListsOnlyCitedOnes_LinkingWebAddressesAndNamingFiles()
    {
        var answer = Answer(
            Sentence("OpenAI released GPT-4 on 14 March 2023.", [1], GroundingVerdict.Supported),
            Sentence("A diffusion model learns to reverse a gradual noising process.", [2], GroundingVerdict.Supported));

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        var sources = markdown[markdown.IndexOf("**Sources**", StringComparison.Ordinal)..];
        Assert.Contains("[1] [GPT-4](https://example.org/gpt-4)", sources, StringComparison.Ordinal);
        Assert.Contains("[2] Diffusion models", sources, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv/knowledge/diffusion.md", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Generative adversarial networks", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[3]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_PlainHttpAddress_IsLinkedToo()
    {
        var answer = Answer(Sentence("A GAN trains a generator against a discriminator.", [3], GroundingVerdict.Supported));

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.Contains("[3] [Generative adversarial networks](http://example.org/gans)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_DropsNoText_EverySentenceAppearsInOrder()
    {
        AnswerSentence[] sentences =
        [
            Sentence("OpenAI released GPT-4 on 14 March 2023.", [1], GroundingVerdict.Supported),
            Sentence("GPT-4 steers household robots.", [], GroundingVerdict.Unsupported),
            Sentence("It may also write poems, according to [3].", [2, 3], GroundingVerdict.WrongCitation),
            Sentence("A diffusion model learns to reverse a gradual noising process.", [2], GroundingVerdict.Supported),
        ];

        var markdown = AnswerRenderer.RenderMarkdown(Answer(sentences));

        var positions = sentences.Select(s => markdown.IndexOf(s.Text, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0, markdown));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("poems, according to [3]. [2] [3]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_Notice_IsShownInItalicsAboveTheAnswer()
    {
        var answer = Answer(Sentence("OpenAI released GPT-4 on 14 March 2023.", [1], GroundingVerdict.Supported)) with
        {
            Notice = "The language model took too long, so this answer is quoted straight from my sources.",
        };

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.StartsWith("_The language model took too long, so this answer is quoted straight from my sources._\n\nOpenAI released", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_ComparisonSections_KeepTheirLineBreaks()
    {
        const string Text = "**GANs:** GANs generate an image in a single forward pass, so sampling them is fast. [3]\n\n" +
                            "**Diffusion models:** A diffusion model learns to reverse a gradual noising process. [2]";

        var markdown = AnswerRenderer.RenderMarkdown(FromText(Text));

        Assert.StartsWith(Text, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_ModelList_KeepsOneItemPerLine()
    {
        const string Text = "Two families generate images:\n" +
                            "- GANs pit a generator against a discriminator. [3]\n" +
                            "- Diffusion models learn to reverse a gradual noising process. [2]";

        var markdown = AnswerRenderer.RenderMarkdown(FromText(Text));

        Assert.StartsWith(Text, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_FlaggedListItem_StaysAListItem()
    {
        const string Text = "Two families generate images:\n" +
                            "- GANs pit a generator against a discriminator. [3]\n" +
                            "- Diffusion models were invented in 1850. [2]";
        var answer = FromText(Text);
        answer = answer with { Sentences = [answer.Sentences[0], answer.Sentences[1], answer.Sentences[2] with { Verdict = GroundingVerdict.Contradicted }] };

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.Contains("[3]\n- ⚠ Diffusion models were invented in 1850. [2]\n\n**1 of 3 statements", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_SentencesThatDoNotMatchTheText_AreJoinedWithSpaces()
    {
        var answer = new Answer(
            "Something else entirely.\n\nWith a break.",
            [Sentence("OpenAI released GPT-4 on 14 March 2023.", [1], GroundingVerdict.Supported), Sentence("It accepts image and text inputs.", [1], GroundingVerdict.Supported)],
            s_citations,
            "extractive");

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.StartsWith("OpenAI released GPT-4 on 14 March 2023. It accepts image and text inputs. [1]\n\n**Sources**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_AParagraphFromOneSource_CitesItOnceAtItsEnd_ButKeepsMarkersAroundAFlaggedSentence()
    {
        const string text = "Quenner looms weave light. [1] They hum at night. [1]\n\nZorblats fly. [2] Zorblats are made of cheese. [2] They nest in towers. [2]";
        var sentences = new[]
        {
            Sentence("Quenner looms weave light.", [1], GroundingVerdict.Supported) with { Start = 0, Length = 30 },
            Sentence("They hum at night.", [1], GroundingVerdict.Supported) with { Start = 31, Length = 22 },
            Sentence("Zorblats fly.", [2], GroundingVerdict.Supported) with { Start = 55, Length = 17 },
            Sentence("Zorblats are made of cheese.", [2], GroundingVerdict.Unsupported) with { Start = 73, Length = 32 },
            Sentence("They nest in towers.", [2], GroundingVerdict.Supported) with { Start = 106, Length = 24 },
        };
        var answer = new Answer(text, sentences, s_citations, "extractive");

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.StartsWith(
            "Quenner looms weave light. They hum at night. [1]\n\nZorblats fly. [2] ⚠ Zorblats are made of cheese. [2] They nest in towers. [2]",
            markdown,
            StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_EachFlag_SaysItsKindWithItsEvidence()
    {
        var answer = Answer(
            Sentence("Zorblats were first bred in 1850.", [1], GroundingVerdict.Contradicted) with { EvidenceSource = 1, Evidence = "The first zorblats were bred in 1907 by Ada Quenn." },
            Sentence("Quenner looms weave light.", [2], GroundingVerdict.WrongCitation) with { EvidenceSource = 3, Evidence = "Quenner looms weave light." },
            Sentence("Zorblats can sing opera.", [1], GroundingVerdict.Unsupported),
            Sentence("Zorblats nest in towers.", [7], GroundingVerdict.WrongCitation));

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.Contains("4 of 4 statements could not be verified: 1 contradicted by its source, 2 citing the wrong source, 1 with no source that says it.", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠ _“Zorblats were first bred in 1850.”_ — [1] says otherwise: “The first zorblats were bred in 1907 by Ada Quenn.”", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠ _“Quenner looms weave light.”_ — True, but [3] is the source that says it, not [2].", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠ _“Zorblats can sing opera.”_ — Neither [1] nor any other source says this.", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠ _“Zorblats nest in towers.”_ — It cites source 7, which does not exist.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_FlagSpans_AreBoldInTheSentenceAndNamedInTheNote()
    {
        var answer = Answer(
            Sentence("Zorblats were first bred in 1850 by Ada Zelnik.", [1], GroundingVerdict.Contradicted) with
            {
                EvidenceSource = 1,
                Evidence = "The first zorblats were bred in 1907 by Ada Quenn.",
                Spans = [new FlagSpan(28, 4) { Instead = "1907" }],
            },
            Sentence("- Zorblats sing opera at the Varnholm festival.", [1], GroundingVerdict.Unsupported) with { Spans = [new FlagSpan(11, 10), new FlagSpan(29, 17)] },
            Sentence("Zorblats like rain.", [1], GroundingVerdict.Unsupported));

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.Contains("⚠ Zorblats were first bred in **1850** by Ada Zelnik. [1]", markdown, StringComparison.Ordinal);
        Assert.Contains("- ⚠ Zorblats **sing opera** at the **Varnholm festival**. [1]", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠ Zorblats like rain. [1]", markdown, StringComparison.Ordinal);
        Assert.Contains("— [1] says 1907, not “1850”: “The first zorblats were bred in 1907 by Ada Quenn.”", markdown, StringComparison.Ordinal);
        Assert.Contains("— Neither [1] nor any other source says “sing opera” or “Varnholm festival”.", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠ _“Zorblats like rain.”_ — Neither [1] nor any other source says this.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_FlagSpanTouchingTheSentencesOwnMarkdown_IsLeftUnmarked()
    {
        var answer = Answer(
            Sentence("**GANs:** train a `generator` in 1850.", [1], GroundingVerdict.Unsupported) with { Spans = [new FlagSpan(2, 4), new FlagSpan(19, 9), new FlagSpan(33, 4)] });

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.Contains("⚠ **GANs:** train a `generator` in **1850**. [1]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_FlagNote_NamesAtMostThreeWordsAndCountsTheRest()
    {
        var answer = Answer(Sentence("Ada Quenn bred zorblats, quenners, looms, engines and kites.", [], GroundingVerdict.Unsupported) with
        {
            Spans = [new FlagSpan(25, 8), new FlagSpan(35, 5), new FlagSpan(42, 7), new FlagSpan(54, 5)],
        });

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.Contains("— No source says “quenners”, “looms”, “engines” and 1 more.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderMarkdown_WithoutSourceList_KeepsTheMarkersAndDropsTheList()
    {
        var answer = Answer(Sentence("OpenAI released GPT-4 on 14 March 2023.", [1], GroundingVerdict.Supported));

        var markdown = AnswerRenderer.RenderMarkdown(answer, sourceList: false);

        Assert.Contains("[1]", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("**Sources**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSources_ShowsTheEvidenceOfSupportedSentencesUnderTheirSource()
    {
        var answer = Answer(
            Sentence("GPT-4 came out in March 2023.", [1], GroundingVerdict.Supported) with { EvidenceSource = 1, Evidence = "OpenAI released GPT-4 on 14 March 2023." },
            Sentence("GPT-4 came out in 2021.", [1], GroundingVerdict.Contradicted) with { EvidenceSource = 1, Evidence = "It accepts image and text inputs." },
            Sentence("Diffusion reverses noise.", [2], GroundingVerdict.Supported) with { EvidenceSource = 2, Evidence = "A diffusion model learns to reverse a gradual noising process." });

        var text = AnswerRenderer.RenderSources(answer);

        var first = Section(text, 1);
        Assert.Contains("[GPT-4](https://example.org/gpt-4)", first, StringComparison.Ordinal);
        Assert.Contains("> OpenAI released GPT-4 on 14 March 2023.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("It accepts image and text inputs", first, StringComparison.Ordinal);
        Assert.Contains("> A diffusion model learns to reverse a gradual noising process.", Section(text, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSources_SourceWithoutEvidence_ShowsTheStartOfItsPassage()
    {
        var longPassage = string.Join(" ", Enumerable.Repeat("A GAN trains a generator against a discriminator.", 12));
        var answer = new Answer(
            "A GAN trains a generator against a discriminator. [1]",
            [Sentence("A GAN trains a generator against a discriminator.", [1], GroundingVerdict.Unsupported)],
            [new Citation(1, "Generative adversarial networks", "", longPassage)],
            "extractive");

        var text = AnswerRenderer.RenderSources(answer);

        Assert.Contains("[1] Generative adversarial networks\n\n> A GAN trains", text, StringComparison.Ordinal);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.True(text.Length < longPassage.Length, text);
    }

    [Fact]
    public void RenderSources_NoSources_SaysSo()
    {
        var answer = new Answer("Hello!", [Sentence("Hello!", [], GroundingVerdict.Supported)], [], "extractive");

        Assert.Equal("My last answer didn't use any sources.", AnswerRenderer.RenderSources(answer));
    }

    [Fact]
    public void RenderMarkdown_CuratedAnswer_OpensWithTheQuestionItAnswers()
    {
        var answer = Answer(Sentence("A diffusion model learns to reverse a gradual noising process.", [2], GroundingVerdict.Supported))
            with { CuratedQuestion = "How do diffusion models work?" };

        var markdown = AnswerRenderer.RenderMarkdown(answer);

        Assert.StartsWith("**How do diffusion models work?**\n\nA diffusion model learns", markdown, StringComparison.Ordinal);
    }

    private static AnswerSentence Sentence(string text, int[] citations, GroundingVerdict verdict) =>
        new(text, citations, verdict, verdict == GroundingVerdict.Supported ? 0.9 : 0.2);

    private static Answer Answer(params AnswerSentence[] sentences) =>
        new(string.Join(" ", sentences.Select(s => s.Text + string.Concat(s.Citations.Select(n => $" [{n}]")))), sentences, s_citations, "extractive");

    /// <summary>An answer whose sentences come from its text the way the grounding check splits it, offsets kept (all supported).</summary>
    private static Answer FromText(string text) =>
        new(text, SentenceSplitter.Default.Split(text).Select(s => Sentence(s.Text, [.. s.Citations], GroundingVerdict.Supported) with { Start = s.Start, Length = s.Length }).ToArray(), s_citations, "extractive");

    /// <summary>The part of a RenderSources text about source <paramref name="number"/>, up to the next source.</summary>
    private static string Section(string text, int number)
    {
        var start = text.IndexOf($"\n\n[{number}] ", StringComparison.Ordinal);
        Assert.True(start >= 0, text);
        var next = text.IndexOf($"\n\n[{number + 1}] ", start + 1, StringComparison.Ordinal);
        return next < 0 ? text[start..] : text[start..next];
    }
}
