using Chatbot.AI.Answers;
using Chatbot.Conversation.Rendering;
using Chatbot.Grounding;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Chatbot.Conversation.Tests.Rendering;

public sealed class ChannelAnswerRendererTests
{
    private static readonly Answer s_answer = new(
        "Zorblats were first bred in 1907 by Ada Quenn. [1] Zorblats sing opera. [2]",
        [
            new AnswerSentence("Zorblats were first bred in 1907 by Ada Quenn.", [1], GroundingVerdict.Supported, 0.9) { EvidenceSource = 1, Evidence = "The first zorblats were bred in 1907 by Ada Quenn." },
            new AnswerSentence("Zorblats sing opera.", [2], GroundingVerdict.Unsupported, 0.2),
        ],
        [
            new Citation(1, "Zorblat breeding: a history of the first farms and the families who kept them going", "https://example.com/zorblats", "The first zorblats were bred in 1907 by Ada Quenn."),
            new Citation(2, "Quenner looms", "/srv/docs/looms.md", "Quenner looms weave light."),
        ],
        "extractive");

    [Fact]
    public void Teams_GetsNativeCitationsTheAiLabelAndFeedbackButtons_AndNoSourceList()
    {
        var activity = ChannelAnswerRenderer.Render(s_answer, Channels.Msteams);

        Assert.DoesNotContain("**Sources**", activity.Text, StringComparison.Ordinal);
        Assert.Contains("[1]", activity.Text, StringComparison.Ordinal);
        var entity = Assert.Single(activity.Entities);
        Assert.Equal("https://schema.org/Message", entity.Type);
        Assert.Equal("AIGeneratedContent", (string?)entity.Properties["additionalType"]![0]);
        var claims = (JArray)entity.Properties["citation"]!;
        Assert.Equal(2, claims.Count);
        Assert.Equal(1, (int)claims[0]["position"]!);
        var first = (JObject)claims[0]["appearance"]!;
        Assert.True(((string)first["name"]!).Length <= CitationEntity.MaxName);
        Assert.Equal("https://example.com/zorblats", (string?)first["url"]);
        Assert.Equal("The first zorblats were bred in 1907 by Ada Quenn.", (string?)first["abstract"]);
        var second = (JObject)claims[1]["appearance"]!;
        Assert.Null(second["url"]);
        Assert.StartsWith("⚠ Neither [2] nor any other source says this.", (string)second["abstract"]!, StringComparison.Ordinal);
        Assert.Equal("Unsupported", (string?)second["keywords"]![0]);
        Assert.Equal("default", (string?)JObject.FromObject(activity.ChannelData)["feedbackLoop"]!["type"]);
    }

    [Theory]
    [InlineData(Channels.Emulator)]
    [InlineData("slack")]
    public void OtherChannels_KeepTheSourceListAndCarryTheEntity(string channel)
    {
        var activity = ChannelAnswerRenderer.Render(s_answer, channel, "answer-1");

        Assert.Contains("**Sources**", activity.Text, StringComparison.Ordinal);
        Assert.Contains("[1] [Zorblat breeding", activity.Text, StringComparison.Ordinal);
        Assert.Contains("⚠ _“Zorblats sing opera.”_ — Neither [2] nor any other source says this.", activity.Text, StringComparison.Ordinal);
        var entity = Assert.Single(activity.Entities);
        Assert.Equal("https://schema.org/Message", entity.Type);
        Assert.Null(entity.Properties["potentialAction"]);
        Assert.Null(activity.ChannelData);
    }

    [Theory]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Directline)]
    public void WebChat_GetsReferenceDefinitionsItsLabelAndFeedbackActionsCarryingTheAnswerId(string channel)
    {
        var activity = ChannelAnswerRenderer.Render(s_answer, channel, "answer-1");

        Assert.DoesNotContain("**Sources**", activity.Text, StringComparison.Ordinal);
        Assert.EndsWith(
            "\n\n[1]: https://example.com/zorblats \"Zorblat breeding: a history of the first farms and the families who kept them going\"\n[2]: cite:2 \"Quenner looms\"",
            activity.Text,
            StringComparison.Ordinal);
        Assert.Contains("⚠ _“Zorblats sing opera.”_", activity.Text, StringComparison.Ordinal);
        var entity = Assert.Single(activity.Entities);
        Assert.Equal("Message", (string?)entity.Properties["@type"]);
        Assert.Equal("https://schema.org", (string?)entity.Properties["@context"]);
        var claims = (JArray)entity.Properties["citation"]!;
        Assert.Equal("AI generated", (string?)claims[0]["claimInterpreter"]!["slogan"]);
        Assert.Equal("The first zorblats were bred in 1907 by Ada Quenn.", (string?)claims[0]["appearance"]!["text"]);
        var actions = (JArray)entity.Properties["potentialAction"]!;
        Assert.Equal(["LikeAction", "DislikeAction"], actions.Select(a => (string?)a["@type"]));
        Assert.All(actions, a => Assert.Equal("answer-1", (string?)a["answerId"]));
    }

    private static readonly Answer s_wrongYear = new(
        "Zorblats were first bred in 1850 by Ada Quenn. [1]",
        [
            new AnswerSentence("Zorblats were first bred in 1850 by Ada Quenn.", [1], GroundingVerdict.Contradicted, 0.2)
            {
                Start = 0,
                Length = 50,
                EvidenceSource = 1,
                Evidence = "The first zorblats were bred in 1907 by Ada Quenn.",
                Spans = [new FlagSpan(28, 4) { Instead = "1907" }],
            },
        ],
        [new Citation(1, "Zorblat breeding", "https://example.com/zorblats", "The first zorblats were bred in 1907 by Ada Quenn.")],
        "ollama");

    [Theory]
    [InlineData(Channels.Msteams)]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Directline)]
    [InlineData(Channels.Emulator)]
    public void FlagSpans_AreBoldInTheTextAndNamedInTheNoteAndThePopUp(string channel)
    {
        var activity = ChannelAnswerRenderer.Render(s_wrongYear, channel, "answer-1");

        Assert.StartsWith("⚠ Zorblats were first bred in **1850** by Ada Quenn. [1]", activity.Text, StringComparison.Ordinal);
        Assert.Contains("⚠ _“Zorblats were first bred in 1850 by Ada Quenn.”_ — [1] says 1907, not “1850”: “The first zorblats", activity.Text, StringComparison.Ordinal);
        var claim = (JObject)((JArray)Assert.Single(activity.Entities).Properties["citation"]!)[0]!["appearance"]!;
        Assert.StartsWith("⚠ [1] says 1907, not “1850”", (string)claim["abstract"]!, StringComparison.Ordinal);
        Assert.True(((string)claim["abstract"]!).Length <= CitationEntity.MaxAbstract);
    }

    [Fact]
    public void GroundingTrace_CarriesTheFlagSpans()
    {
        var report = Assert.IsType<JObject>(GroundingTrace.For(s_wrongYear).Value);

        var span = (JObject)Assert.Single((JArray)report["sentences"]![0]!["spans"]!);
        Assert.Equal(28, (int)span["start"]!);
        Assert.Equal(4, (int)span["length"]!);
        Assert.Equal("1850", (string?)span["text"]);
        Assert.Equal("1907", (string?)span["instead"]);
        Assert.Empty((JArray)Assert.IsType<JObject>(GroundingTrace.For(s_answer).Value)["sentences"]![1]!["spans"]!);
    }

    [Fact]
    public void Citations_AreCappedAtTwenty()
    {
        var sentences = Enumerable.Range(1, 25).Select(n => new AnswerSentence($"Fact {n}.", [n], GroundingVerdict.Supported, 0.9)).ToList();
        var citations = Enumerable.Range(1, 25).Select(n => new Citation(n, $"Source {n}", $"https://example.com/{n}", $"Fact {n}.")).ToList();
        var answer = new Answer(string.Join(' ', sentences.Select(s => $"{s.Text} [{s.Citations[0]}]")), sentences, citations, "extractive");

        var entity = Assert.Single(ChannelAnswerRenderer.Render(answer, Channels.Msteams).Entities);

        Assert.Equal(CitationEntity.MaxCitations, ((JArray)entity.Properties["citation"]!).Count);
    }

    [Fact]
    public void GroundingTrace_CarriesEachSentencesVerdictAndEvidence()
    {
        var trace = GroundingTrace.For(s_answer);

        Assert.Equal(ActivityTypes.Trace, trace.Type);
        Assert.Equal(GroundingTrace.Name, trace.Name);
        var report = Assert.IsType<JObject>(trace.Value);
        Assert.Equal(1, (int)report["flagged"]!);
        Assert.Equal("Unsupported", (string?)report["sentences"]![1]!["verdict"]);
        Assert.Equal("The first zorblats were bred in 1907 by Ada Quenn.", (string?)report["sentences"]![0]!["evidence"]);
    }
}
