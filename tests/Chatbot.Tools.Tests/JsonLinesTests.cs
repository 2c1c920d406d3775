using Chatbot.Tools.Benchmarks.Knowledge;

namespace Chatbot.Tools.Tests;

public sealed class JsonLinesTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task ReadAsync_MixedLines_ReadsTheGoodOnesAndReportsTheRestByLine()
    {
        await File.WriteAllLinesAsync(_file,
        [
            """{"question": "What is a GAN?", "relevant": ["generative-adversarial-networks"]}""",
            "",
            "not json",
            """{"question": "", "relevant": ["gpt-3"]}""",
            "null",
            """{"question": "Who made GPT-3?", "relevant": ["gpt-3"]}""",
        ]);

        var (items, problems) = await JsonLines.ReadAsync<RecallQuestion>(
            [_file], q => string.IsNullOrWhiteSpace(q.Question) ? "needs a question." : null);

        Assert.Equal(["What is a GAN?", "Who made GPT-3?"], items.Select(q => q.Question));
        Assert.Collection(
            problems,
            p => Assert.StartsWith($"{_file}:3: invalid JSON", p, StringComparison.Ordinal),
            p => Assert.Equal($"{_file}:4: needs a question.", p),
            p => Assert.Equal($"{_file}:5: the line is JSON null.", p));
    }
}
