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

    [Theory]
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
