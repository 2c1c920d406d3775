using Chatbot.Storage.Reporting;

namespace Chatbot.Storage.Tests.Reporting;

public sealed class ReportPeriodTests
{
    [Fact]
    public void Ending_CoversTheDaysUpToAndIncludingToday()
    {
        var period = ReportPeriod.Ending(new DateOnly(2026, 3, 1), 14);

        Assert.Equal(new DateOnly(2026, 2, 16), period.From);
        Assert.Equal(new DateOnly(2026, 3, 1), period.To);
        Assert.Equal(14, period.Days);
        Assert.Equal(new DateTime(2026, 2, 16, 0, 0, 0, DateTimeKind.Utc), period.Start);
        Assert.Equal(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), period.End);
        Assert.Equal(DateTimeKind.Utc, period.End.Kind);
    }

    [Fact]
    public void OneDay_IsAPeriod()
    {
        var day = new DateOnly(2026, 12, 6);

        Assert.Equal(1, new ReportPeriod(day, day).Days);
    }

    [Fact]
    public void Check_AcceptsAYearOf366Days_AndRefusesMoreOrABackwardPeriod()
    {
        var from = new DateOnly(2028, 1, 1);

        Assert.Null(ReportPeriod.Check(from, from.AddDays(365)));
        Assert.Contains("at most 366", ReportPeriod.Check(from, from.AddDays(366)), StringComparison.Ordinal);
        Assert.Contains("before it starts", ReportPeriod.Check(from, from.AddDays(-1)), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportPeriod(from, from.AddDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.Ending(from, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportPeriod.Ending(from, 367));
    }
}
