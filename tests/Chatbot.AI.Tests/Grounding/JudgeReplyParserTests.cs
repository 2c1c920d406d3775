using Chatbot.AI.Grounding;
using Chatbot.Grounding;

namespace Chatbot.AI.Tests.Grounding;

public sealed class JudgeReplyParserTests
{
    private static readonly string[] s_ids = ["s1", "s2"];

    [Fact]
    public void Parse_StrictJson_ReadsEveryEntry()
    {
        const string Reply = """{"verdicts": [{"id": "s1", "verdict": "supported", "source": 1, "reason": "Source 1 gives the date."}, {"id": "s2", "verdict": "contradicted", "source": 2, "reason": "Source 2 says 2022."}]}""";

        var verdicts = JudgeReplyParser.Parse(Reply, s_ids);

        Assert.Equal(
            [new JudgeVerdict("s1", GroundingVerdict.Supported, 1, "Source 1 gives the date."), new JudgeVerdict("s2", GroundingVerdict.Contradicted, 2, "Source 2 says 2022.")],
            verdicts);
    }

    [Fact]
    public void Parse_CodeFenceAndProseAroundTheJson_AreIgnored()
    {
        const string Reply = """
            Sure! Here is my assessment [of the sentences]:
            ```json
            {
              "verdicts": [
                {"id": "s2", "verdict": "Unsupported", "source": null, "reason": "No source mentions it."},
              ]
            }
            ```
            Let me know if you need anything else {really}.
            """;

        var verdict = Assert.Single(JudgeReplyParser.Parse(Reply, s_ids));

        Assert.Equal(new JudgeVerdict("s2", GroundingVerdict.Unsupported, null, "No source mentions it."), verdict);
    }

    [Fact]
    public void Parse_BareArrayWithNumericIds_IsRead()
    {
        var verdicts = JudgeReplyParser.Parse("""[{"id": 1, "verdict": "SUPPORTED", "source": "[3]"}, {"id": 2, "label": "not supported"}]""", s_ids);

        Assert.Equal([new JudgeVerdict("s1", GroundingVerdict.Supported, 3, ""), new JudgeVerdict("s2", GroundingVerdict.Unsupported, null, "")], verdicts);
    }

    [Fact]
    public void Parse_ObjectKeyedById_IsRead()
    {
        var verdicts = JudgeReplyParser.Parse("""{"s1": "contradicts", "s2": {"verdict": "supported", "source": "source 2"}}""", s_ids);

        Assert.Equal([new JudgeVerdict("s1", GroundingVerdict.Contradicted, null, ""), new JudgeVerdict("s2", GroundingVerdict.Supported, 2, "")], verdicts);
    }

    [Fact]
    public void Parse_UnknownIdsLabelsAndDuplicates_AreDropped()
    {
        const string Reply = """
            {"verdicts": [
              {"id": "s9", "verdict": "supported"},
              {"id": "s1", "verdict": "probably"},
              {"id": "s1", "verdict": "supported"},
              {"verdict": "supported"},
              {"id": "S2", "verdict": "unsupported"},
              {"id": "s2", "verdict": "supported"}
            ]}
            """;

        var verdict = Assert.Single(JudgeReplyParser.Parse(Reply, s_ids));

        Assert.Equal(new JudgeVerdict("s2", GroundingVerdict.Unsupported, null, ""), verdict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("All sentences look fine to me.")]
    [InlineData("{\"verdicts\": [")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"verdicts\": []}")]
    [InlineData("{\"answer\": \"supported\"}")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    public void Parse_NothingUsable_GivesNoVerdicts(string reply)
    {
        Assert.Empty(JudgeReplyParser.Parse(reply, s_ids));
    }

    [Theory]
    [InlineData("0", null)]
    [InlineData("-2", null)]
    [InlineData("\"none\"", null)]
    [InlineData("true", null)]
    [InlineData("[2, 3]", 2)]
    [InlineData("\"[4]\"", 4)]
    [InlineData("7", 7)]
    public void Parse_SourceInTheFormsModelsWrite(string source, int? expected)
    {
        var verdict = Assert.Single(JudgeReplyParser.Parse($$"""{"id": "s1", "verdict": "supported", "source": {{source}}}""", s_ids));

        Assert.Equal(expected, verdict.Source);
    }

    [Fact]
    public void Parse_LongReasonOnManyLines_IsCutToOneLine()
    {
        var reason = string.Join("\\n", Enumerable.Repeat("The source says nothing about this at all.", 20));

        var verdict = Assert.Single(JudgeReplyParser.Parse($$"""{"id": "s1", "verdict": "unsupported", "reason": "{{reason}}"}""", s_ids));

        Assert.Equal(JudgeReplyParser.MaxReasonLength, verdict.Reason.Length);
        Assert.DoesNotContain('\n', verdict.Reason);
        Assert.StartsWith("The source says nothing about this at all. The source", verdict.Reason, StringComparison.Ordinal);
        Assert.EndsWith("…", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("supported", GroundingVerdict.Supported)]
    [InlineData(" Supported. ", GroundingVerdict.Supported)]
    [InlineData("unsupported", GroundingVerdict.Unsupported)]
    [InlineData("NOT_SUPPORTED", GroundingVerdict.Unsupported)]
    [InlineData("not supported by the sources", GroundingVerdict.Unsupported)]
    [InlineData("contradicted", GroundingVerdict.Contradicted)]
    [InlineData("Contradicts", GroundingVerdict.Contradicted)]
    [InlineData("partially supported", null)]
    [InlineData("yes", null)]
    [InlineData("", null)]
    public void Label_NamesTheVerdict(string label, GroundingVerdict? expected)
    {
        Assert.Equal(expected, JudgeReplyParser.Label(label));
    }
}
