using System.Text.Json;
using Chatbot.Conversation.Intents;

namespace Chatbot.Conversation.Tests.Intents;

public sealed class IntentExamplesTests
{
    [Fact]
    public void All_HasExamplesOfEveryIntentButFarewellAndMoreForAskAndOutOfScope()
    {
        var counts = IntentExamples.All.GroupBy(example => example.Intent).ToDictionary(group => group.Key, group => group.Count());

        foreach (var intent in Enum.GetValues<Intent>().Where(i => i != Intent.Farewell))
        {
            Assert.True(counts.GetValueOrDefault(intent) >= 15, $"{intent} has {counts.GetValueOrDefault(intent)} examples.");
        }

        Assert.True(counts[Intent.Ask] > 50);
        Assert.True(counts[Intent.OutOfScope] > 50);
    }

    [Fact]
    public void All_HasNoDuplicates() =>
        Assert.Equal(IntentExamples.All.Count, IntentExamples.All.Select(example => example.Text.ToLowerInvariant()).Distinct().Count());

    [Fact]
    public void Parse_BadLine_NamesIt()
    {
        var error = Assert.Throws<FormatException>(() => IntentExamples.Parse("{\"text\": \"hi\", \"intent\": \"Greeting\"}\n{\"text\": \"yo\", \"intent\": \"Wave\"}"));

        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeldOutFiles_ShareNoLineWithTheTrainingData()
    {
        var training = IntentExamples.All.Select(example => example.Text)
            .Concat(Files("dev").SelectMany(ReadTexts))
            .Select(Key)
            .ToHashSet();

        var overlap = Files("heldout").SelectMany(ReadTexts).Where(text => training.Contains(Key(text))).ToList();

        Assert.NotEmpty(Files("heldout"));
        Assert.Empty(overlap);
    }

    [Fact]
    public void TrainingData_CoversEveryIntent()
    {
        var intents = IntentExamples.All.Select(example => example.Intent)
            .Concat(Files("dev").SelectMany(file => File.ReadLines(file).Where(l => l.Length > 0)
                .Select(line => Enum.Parse<Intent>(JsonDocument.Parse(line).RootElement.GetProperty("intent").GetString()!))))
            .ToHashSet();

        Assert.Equal(Enum.GetValues<Intent>().Length, intents.Count);
    }

    private static string Key(string text) => text.Trim().ToLowerInvariant();

    private static IEnumerable<string> ReadTexts(string file) =>
        File.ReadLines(file).Where(line => line.Length > 0).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!);

    private static string[] Files(string folder) =>
        Directory.GetFiles(Path.Combine(IntentRecognizerFixture.RepositoryFolder("eval"), "intents", folder), "*.jsonl");
}
