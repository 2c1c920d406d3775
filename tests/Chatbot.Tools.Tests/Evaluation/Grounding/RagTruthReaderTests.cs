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
    public async Task ReadAsync_SourceIdAndTask_AreRead()
    {
        const string line = """{"id":"9:llama-2-7b-chat","source_id":"9","task":"Summary","question":"q","passages":"p","response":"r","hallucinated":true,"spans":[]}""";
        var (records, _) = await RagTruthReader.ReadAsync(new StringReader(line));
        var record = Assert.Single(records);
        Assert.Equal("9", record.SourceId);
        Assert.Equal("Summary", record.Task);
        Assert.Equal("llama-2-7b-chat", record.Generator);
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
