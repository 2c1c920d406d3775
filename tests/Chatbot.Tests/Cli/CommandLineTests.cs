using System.Text.Json;

namespace Chatbot.Tests.Cli;

/// <summary>The command line as an operator runs it: the real executable, configured through the environment, on a throw-away index.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatbot-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ingest_ThenAsk_CountsTheFilesAndAnswersFromThePilotDocument()
    {
        var documents = Directory.CreateDirectory(Path.Combine(_folder, "pilot")).FullName;
        await File.WriteAllTextAsync(Path.Combine(documents, "returns.md"), """
            # Contoso returns policy

            Customers of Contoso can return a laptop within 45 days of delivery for a full refund. The laptop must come back with its charger and original box, and the refund is paid to the original card within five working days.
            """);

        var first = await RunAsync("ingest", documents);
        var second = await RunAsync("ingest", documents);
        var ask = await RunAsync("ask", "How many days do Contoso customers have to return a laptop?", "--json", "--collection", "pilot");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("1 added, 0 updated, 0 removed, 0 unchanged", first.Output, StringComparison.Ordinal);
        Assert.Contains("within 10 s", first.Output, StringComparison.Ordinal);
        Assert.Contains("0 added, 0 updated, 0 removed, 1 unchanged", second.Output, StringComparison.Ordinal);

        Assert.Equal(0, ask.ExitCode);
        using var answer = JsonDocument.Parse(ask.Output);
        Assert.Contains("45 days", answer.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var citation = Assert.Single(answer.RootElement.GetProperty("citations").EnumerateArray());
        Assert.Equal("Contoso returns policy", citation.GetProperty("title").GetString());
    }

    [Fact]
    public async Task TrainRanker_FitsTheQuestionsAndWritesALoadableRanker()
    {
        var documents = Directory.CreateDirectory(Path.Combine(_folder, "pilot")).FullName;
        await File.WriteAllTextAsync(Path.Combine(documents, "returns.md"), """
            # Contoso returns policy

            Customers of Contoso can return a laptop within 45 days of delivery for a full refund. The laptop must come back with its charger and original box. The refund is paid to the original card within five working days. Opened software cannot be returned unless it is faulty.
            """);
        await File.WriteAllTextAsync(Path.Combine(documents, "warranty.md"), """
            # Contoso warranty

            Every Contoso laptop has a two-year warranty against manufacturing faults. The warranty does not cover accidental damage such as a cracked screen. Customers can buy an extended plan that adds a third year. Repairs under warranty are done at the Leeds service centre.
            """);
        var questions = Path.Combine(_folder, "questions.jsonl");
        await File.WriteAllLinesAsync(questions,
        [
            """{"question": "How long is the return window for a Contoso laptop?", "key_facts": [["45 days"]]}""",
            """{"question": "When is the refund paid?", "key_facts": [["five working days"]]}""",
            """{"question": "How long is the Contoso laptop warranty?", "key_facts": [["two-year"]]}""",
            """{"question": "Does the warranty cover a cracked screen?", "key_facts": [["does not cover"]]}""",
            """{"question": "Where are warranty repairs done?", "key_facts": [["Leeds"]]}""",
            """{"question": "Can I return opened software?", "key_facts": [["unless it is faulty"]]}""",
            "not json",
        ]);
        var model = Path.Combine(_folder, "ranker.json");

        Assert.Equal(0, (await RunAsync("ingest", documents)).ExitCode);
        var train = await RunAsync("train", "ranker", "--data", questions, "--out", model, "--folds", "2");

        Assert.Equal(0, train.ExitCode);
        Assert.Contains("2-fold cross-validated 6 questions", train.Output, StringComparison.Ordinal);
        Assert.Contains("questions.jsonl:7: invalid JSON", train.Error, StringComparison.Ordinal);
        var ranker = Chatbot.AI.Extractive.SentenceRanker.FromJson(await File.ReadAllTextAsync(model));
        Assert.Contains("train ranker", ranker.Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_WithoutWhatToTrain_ExitsWithAUsageError()
    {
        var result = await RunAsync("train");

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("train ranker", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train", "ranker", "--data")]
    [InlineData("ingest")]
    [InlineData("bench", "retrieval", "--data")]
    [InlineData("bench", "answers", "--data")]
    public async Task MissingPath_ExitsWithAUsageError(params string[] command)
    {
        var result = await RunAsync([.. command, Path.Combine(_folder, "no-such-folder")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No such file or folder", result.Error, StringComparison.Ordinal);
    }

    private async Task<ChatbotProcess.Result> RunAsync(params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["Knowledge__IndexPath"] = Path.Combine(_folder, "index"),
            ["Knowledge__BuiltInPath"] = Directory.CreateDirectory(Path.Combine(_folder, "builtin")).FullName,
            ["Llm__Provider"] = "Extractive",
        };
        var result = await ChatbotProcess.RunAsync(args, environment, _folder, TimeSpan.FromSeconds(120));
        Assert.False(result.TimedOut, $"'{string.Join(' ', args)}' did not finish in time.");
        return result;
    }
}
