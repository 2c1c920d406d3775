using System.Text.Json;
using Chatbot.Conversation.Intents;

namespace Chatbot.Conversation.Tests.Intents;

public sealed class IntentExamplesTests
{
    [Fact]
    public void All_HasAtLeastFifteenExamplesPerIntentAndMoreForAskAndOutOfScope()
    {
        var counts = IntentExamples.All.GroupBy(example => example.Intent).ToDictionary(group => group.Key, group => group.Count());

        foreach (var intent in Enum.GetValues<Intent>())
        {
            Assert.True(counts.GetValueOrDefault(intent) >= 15, $"{intent} has {counts.GetValueOrDefault(intent)} examples.");
        }

        Assert.True(counts[Intent.Ask] > 50);
        Assert.True(counts[Intent.OutOfScope] > 50);
    }

    [Fact]
    public void All_HasNoDuplicates() =>
        Assert.Equal(IntentExamples.All.Count, IntentExamples.All.Select(example => example.Text.ToLowerInvariant()).Distinct().Count());

    [Theory]
    [InlineData("heldout.jsonl")]
    [InlineData("dev.jsonl")]
    public void EvaluationFiles_ShareNoLineWithTheExamples(string file)
    {
        var examples = IntentExamples.All.Select(example => example.Text.Trim().ToLowerInvariant()).ToHashSet();

        var overlap = ReadTexts(file).Where(text => examples.Contains(text.Trim().ToLowerInvariant())).ToList();

        Assert.Empty(overlap);
    }

    [Fact]
    public void HeldOut_CoversEveryIntentAndShares_NothingWithDev()
    {
        var heldOut = File.ReadLines(EvalPath("heldout.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(root => (Text: root.GetProperty("text").GetString()!, Intent: Enum.Parse<Intent>(root.GetProperty("intent").GetString()!)))
            .ToList();

        Assert.True(heldOut.Count >= 120);
        Assert.Equal(Enum.GetValues<Intent>().Length, heldOut.Select(item => item.Intent).Distinct().Count());
        Assert.Empty(heldOut.Select(item => item.Text.ToLowerInvariant()).Intersect(ReadTexts("dev.jsonl").Select(text => text.ToLowerInvariant())));
    }

    private static IEnumerable<string> ReadTexts(string file) =>
        File.ReadLines(EvalPath(file)).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!);

    private static string EvalPath(string file)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "eval", "intents", file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"eval/intents/{file} was not found above {AppContext.BaseDirectory}.");
    }
}
