using Chatbot.AI.Responding;
using Chatbot.Grounding;

namespace Chatbot.AI.Tests.Responding;

/// <summary>One repair pass over hand-made checks: what is cut, what is re-cited, and the spacing left behind.</summary>
public sealed class AnswerRepairTests
{
    [Fact]
    public void Rewrite_CutsAnUnsupportedSentence_WithTheSpaceBeforeIt()
    {
        const string Text = "Zorblats hum [1]. Zorblats fly to Mars [1]. They glow [2].";

        var result = AnswerRepair.Rewrite(Text, Check(Text, GroundingVerdict.Supported, GroundingVerdict.Unsupported, GroundingVerdict.Supported));

        Assert.Equal("Zorblats hum [1]. They glow [2].", result.Text);
        Assert.Equal("Zorblats fly to Mars.", Assert.Single(result.Withheld).Text);
        Assert.Equal(0, result.Corrected);
    }

    [Fact]
    public void Rewrite_CuttingTheFirstSentence_LeavesNoLeadingSpace_AndAParagraphBreakSurvives()
    {
        const string Text = "Zorblats fly to Mars [1]. Zorblats hum [1].\n\nThey glow [2].";

        var result = AnswerRepair.Rewrite(Text, Check(Text, GroundingVerdict.Contradicted, GroundingVerdict.Supported, GroundingVerdict.Supported));

        Assert.Equal("Zorblats hum [1].\n\nThey glow [2].", result.Text);
    }

    [Fact]
    public void Rewrite_ACutSentenceBeforeAParagraphBreak_KeepsTheBreak()
    {
        const string Text = "Zorblats hum [1]. Zorblats fly to Mars [1].\n\nThey glow [2].";

        var result = AnswerRepair.Rewrite(Text, Check(Text, GroundingVerdict.Supported, GroundingVerdict.Unsupported, GroundingVerdict.Supported));

        Assert.Equal("Zorblats hum [1].\n\nThey glow [2].", result.Text);
    }

    [Fact]
    public void Rewrite_AWrongCitation_NamesTheSupportingSourceInEveryMarker()
    {
        const string Text = "Zorblats hum [1][3]. They glow [2].";
        var check = Check(Text, GroundingVerdict.WrongCitation, GroundingVerdict.Supported);
        check[0] = check[0] with { EvidenceSource = 4 };

        var result = AnswerRepair.Rewrite(Text, check);

        Assert.Equal("Zorblats hum [4][4]. They glow [2].", result.Text);
        Assert.Equal(1, result.Corrected);
        Assert.Empty(result.Withheld);
    }

    [Fact]
    public void Rewrite_AWrongCitationWithoutEvidence_OrAlreadyCitingIt_IsWithheld()
    {
        const string Text = "Zorblats hum [1]. They glow [2]. They sing [3].";
        var check = Check(Text, GroundingVerdict.WrongCitation, GroundingVerdict.WrongCitation, GroundingVerdict.Supported);
        check[1] = check[1] with { EvidenceSource = 2 };

        var result = AnswerRepair.Rewrite(Text, check);

        Assert.Equal("They sing [3].", result.Text);
        Assert.Equal(2, result.Withheld.Count);
        Assert.Equal(0, result.Corrected);
    }

    [Fact]
    public void Rewrite_NothingSupported_GivesEmptyText()
    {
        const string Text = "Zorblats fly to Mars [1]. ";

        var result = AnswerRepair.Rewrite(Text, Check(Text, GroundingVerdict.Unsupported));

        Assert.Equal(string.Empty, result.Text);
    }

    [Theory]
    [InlineData("Zorblats hum.", 3, "Zorblats hum [3].")]
    [InlineData("Zorblats hum [1, 2]!", 3, "Zorblats hum [3]!")]
    [InlineData("Zorblats hum", 3, "Zorblats hum [3]")]
    public void Recite_PutsTheSourceWhereTheMarkersWere_OrBeforeTheEnd(string sentence, int source, string expected) =>
        Assert.Equal(expected, AnswerRepair.Recite(sentence, source));

    /// <summary>A check of <paramref name="text"/> split at ". " with one verdict per sentence, as the checker reports spans.</summary>
    private static SentenceGrounding[] Check(string text, params GroundingVerdict[] verdicts)
    {
        var spans = System.Text.RegularExpressions.Regex.Matches(text, @"[^\s].*?\.(?=\s|$)");
        Assert.Equal(verdicts.Length, spans.Count);
        return spans.Select((m, i) =>
        {
            var markers = System.Text.RegularExpressions.Regex.Matches(m.Value, @"\[(\d)\]").Select(x => int.Parse(x.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var plain = System.Text.RegularExpressions.Regex.Replace(m.Value, @"\s*\[\d\]", string.Empty);
            return new SentenceGrounding(plain, markers, verdicts[i], verdicts[i] == GroundingVerdict.Supported ? 0.9 : 0.2) { Start = m.Index, Length = m.Length };
        }).ToArray();
    }
}
