using System.Net;
using System.Text.RegularExpressions;
using Chatbot.Tests.Conversation;
using Chatbot.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Chatbot.Tests.Reliability;

/// <summary>
/// The default storage (a SQLite file) out of reach while the bot runs: another process holds the database's write
/// lock (a backup tool, a person with the sqlite3 shell open in a transaction). Turns that need the database get an
/// apology, the process keeps serving, and once the lock goes the bot answers again without a restart.
/// The PostgreSQL outage is in Storage/ScaleOutTests.
/// </summary>
public sealed partial class SqliteOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TurnsWhileTheDatabaseIsLocked_GetAnApology_AndTheBotRecoversWithoutARestart()
    {
        using var data = new SqliteDataFolder();
        // The bot waits a second for a busy database instead of the default 30, so the test is quick; the outcome is the same.
        await using var app = new ChatbotAppFactory(data.Settings(";Default Timeout=1"));
        var client = app.CreateClient();
        var user = new BotConversation(client, "sqlite-outage");

        var before = await user.SayAsync("What is a GAN?");
        var during = new List<(HttpStatusCode Status, string Text, double Seconds)>();
        HttpStatusCode healthDuring;
        await using (var holder = new SqliteConnection($"Data Source={data.DatabaseFile};Default Timeout=5"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }

            foreach (var question in new[] { "What is tokenization?", "How does a transformer work?" })
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(Activities.Message(question, "sqlite-outage", expectReplies: true));
                var text = response.StatusCode == HttpStatusCode.OK ? BotConversation.TextOf(await response.ReadRepliesAsync()) : await response.Content.ReadAsStringAsync();
                during.Add((response.StatusCode, text, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds));
            }

            using var health = await client.GetAsync("/healthz");
            healthDuring = health.StatusCode;
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        var after = await user.SayAsync("What is a diffusion model?");
        using var healthAfter = await client.GetAsync("/healthz");

        foreach (var (status, text, seconds) in during)
        {
            output.WriteLine($"during the lock: HTTP {(int)status} after {seconds:F1} s: {text}");
        }

        output.WriteLine($"health during: {(int)healthDuring}, after: {(int)healthAfter.StatusCode}; after the lock: {after[..Math.Min(after.Length, 160)]}");
        Assert.Matches(Citation(), before);
        // The answer may already be out when saving the turn fails; the apology then follows it in the same reply.
        Assert.All(during, turn =>
        {
            Assert.Equal(HttpStatusCode.OK, turn.Status);
            Assert.Contains("Sorry, something went wrong", turn.Text, StringComparison.Ordinal);
        });
        Assert.Matches(Citation(), after);
        Assert.DoesNotContain("Sorry", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthAfter.StatusCode);
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Citation();
}
