using Chatbot.Testing.Files;

namespace Chatbot.Tests.Cli;

/// <summary><c>migrate</c> as a deployment's one-shot job runs it: the real executable, configured through the environment.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatbot-migrate-").FullName;

    [Fact]
    public async Task Migrate_AppliesWhatIsPending_AndListSaysSoBeforeAndAfter()
    {
        var before = await RunAsync("migrate", "--list");
        var migrate = await RunAsync("migrate");
        var again = await RunAsync("migrate");
        var after = await RunAsync("migrate", "--list");

        Assert.Equal(0, before.ExitCode);
        Assert.Contains("pending  ", before.Output, StringComparison.Ordinal);
        Assert.Contains("Sqlite: 0 applied", before.Output, StringComparison.Ordinal);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("applied  ", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("already up to date", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pending  ", after.Output, StringComparison.Ordinal);
        Assert.Contains("0 pending", after.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "state", "chatbot.db")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Data Source=chatbot.db")]
    public async Task Migrate_OnPostgresWithoutAPostgresConnectionString_ExitsWithCode2_NamingTheSetting(string connectionString)
    {
        var result = await RunAsync([("Storage__Provider", "Postgres"), ("Storage__ConnectionString", connectionString)], "migrate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Storage:ConnectionString", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => TempFolder.TryDelete(_folder);

    private Task<ChatbotProcess.Result> RunAsync(params string[] args) => RunAsync([], args);

    private async Task<ChatbotProcess.Result> RunAsync((string Name, string Value)[] settings, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Sqlite",
            ["Storage__ConnectionString"] = $"Data Source={Path.Combine(_folder, "state", "chatbot.db")}",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var result = await ChatbotProcess.RunAsync(args, environment, _folder, TimeSpan.FromSeconds(120));
        Assert.False(result.TimedOut, $"'{string.Join(' ', args)}' did not finish in time.");
        return result;
    }
}
