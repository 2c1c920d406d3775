using Chatbot.Tools.Evaluation.Grounding;

namespace Chatbot.Tools.Tests.Evaluation.Grounding;

public sealed class RagTruthReaderTests
{
    [Fact]
    public async Task ReadAsync_BadLines_AreReportedWithLineNumbersAndSkipped()
    {
        var (records, problems) = await RagTruthReader.ReadAsync(new StringReader(string.Join('\n', RagTruthFiles.Mixed())));
        Assert.Equal(["a", "b", "c", "d"], records.Select(r => r.Id));
        Assert.Equal([5, 6], problems.Select(p => p.Line));
        Assert.Contains("JSON", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("response", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Spans_AreRead()
    {
        var (records, _) = await RagTruthReader.ReadAsync(new StringReader(RagTruthFiles.Mixed()[1]));
        var record = Assert.Single(records);
        var span = Assert.Single(record.Spans);
        Assert.Equal("Its architect also designed the Sydney Opera House.", record.Response[span.Start..span.End]);
        Assert.True(record.IsHallucinated(span.Start - 5, span.Start + 1));
        Assert.False(record.IsHallucinated(0, span.Start));
    }

    [Fact]
    public void Sources_SplitsNumberedPassages()
    {
        var record = new RagTruthRecord("x", "q", RagTruthFiles.Passages, "r", false, [], null);
        var sources = record.Sources();
        Assert.Equal([1, 2], sources.Select(s => s.Number));
        Assert.Equal("The Eiffel Tower is 330 metres tall.", sources[1].Text);
    }
}
