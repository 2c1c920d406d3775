using Chatbot.Storage.Reporting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Chatbot.Storage.Tests.Reporting;

/// <summary>The report's queries on PostgreSQL, whose SQL and time types differ from SQLite's.</summary>
public sealed class PostgresReportTests
{
    [PostgresFact]
    public async Task BuildAsync_OnPostgres_GivesTheSameReportAsOnSqlite()
    {
        var period = new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 15, 0, 0, TimeSpan.Zero));
        var connection = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Database = $"chatbot_report_{Guid.NewGuid():N}" };
        using var postgres = await SeededDatabase.CreateAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connection.ConnectionString });
        try
        {
            await PilotReportBuilderTests.SeedPilotWeekAsync(postgres);
            using var sqlite = await PilotReportBuilderTests.SeedPilotWeekAsync();

            var expected = await new PilotReportBuilder(sqlite.Database, time).BuildAsync(period);
            var actual = await new PilotReportBuilder(postgres.Database, time).BuildAsync(period);

            Assert.Equal(expected.Totals, actual.Totals);
            Assert.Equal(expected.Days, actual.Days);
            Assert.Equal(expected.TopTopics, actual.TopTopics);
            Assert.Equal(expected.NotCovered, actual.NotCovered);
            Assert.Equal(expected.Handoffs, actual.Handoffs);
            Assert.Equal(5, actual.Totals.Conversations);
        }
        finally
        {
            await using var context = postgres.Database.CreateContext();
            await context.Database.EnsureDeletedAsync();
        }
    }
}
