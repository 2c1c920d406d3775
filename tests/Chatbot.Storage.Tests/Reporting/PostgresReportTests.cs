using Chatbot.Storage.Reporting;
using Chatbot.Testing.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.Reporting;

/// <summary>The report's queries on PostgreSQL, whose SQL and time types differ from SQLite's.</summary>
public sealed class PostgresReportTests(PostgresTestDatabase postgres) : IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public async Task BuildAsync_OnPostgres_GivesTheSameReportAsOnSqlite()
    {
        var period = new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 15, 0, 0, TimeSpan.Zero));
        using var database = await SeededDatabase.CreateAsync(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = postgres.ConnectionString });
        await PilotReportBuilderTests.SeedPilotWeekAsync(database);
        using var sqlite = await PilotReportBuilderTests.SeedPilotWeekAsync();

        var expected = await new PilotReportBuilder(sqlite.Database, time).BuildAsync(period);
        var actual = await new PilotReportBuilder(database.Database, time).BuildAsync(period);

        Assert.Equal(expected.Totals, actual.Totals);
        Assert.Equal(expected.Days, actual.Days);
        Assert.Equal(expected.TopTopics, actual.TopTopics);
        Assert.Equal(expected.NotCovered, actual.NotCovered);
        Assert.Equal(expected.Handoffs, actual.Handoffs);
        Assert.Equal(expected.Withheld, actual.Withheld);
        Assert.Equal(3, actual.Withheld.Count);
        Assert.Equal(5, actual.Totals.Conversations);
    }
}
