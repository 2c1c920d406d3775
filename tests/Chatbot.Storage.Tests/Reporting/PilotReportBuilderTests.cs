using Chatbot.Storage.Reporting;
using Microsoft.Extensions.Time.Testing;
using static Chatbot.Storage.Tests.Reporting.SeededDatabase;

namespace Chatbot.Storage.Tests.Reporting;

public sealed class PilotReportBuilderTests
{
    private static readonly ReportPeriod s_period = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5));
    private static readonly FakeTimeProvider s_time = new(new DateTimeOffset(2026, 11, 5, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task BuildAsync_CountsEveryDay_IncludingDaysWithoutActivity_AndTheWholePeriod()
    {
        using var db = await SeedPilotWeekAsync();

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(s_period);

        Assert.Equal(new DateOnly(2026, 11, 1), report.From);
        Assert.Equal(new DateOnly(2026, 11, 5), report.To);
        Assert.Equal(s_time.GetUtcNow(), report.GeneratedAt);
        Assert.Equal(
            [new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 5)],
            report.Days.Select(d => d.Date));

        AssertCounts(report.Days[0], conversations: 2, answers: 3, flagged: 1, notCovered: 1, helpful: 1, unhelpful: 1, handoffs: 0);
        Assert.Equal(1.0 / 3, report.Days[0].FlagRate, 10);
        AssertCounts(report.Days[1], conversations: 0, answers: 0, flagged: 0, notCovered: 0, helpful: 0, unhelpful: 0, handoffs: 0);
        Assert.Equal(0, report.Days[1].FlagRate);
        AssertCounts(report.Days[2], conversations: 2, answers: 1, flagged: 1, notCovered: 0, helpful: 0, unhelpful: 0, handoffs: 1);
        Assert.Equal(1.0, report.Days[2].FlagRate);
        AssertCounts(report.Days[3], conversations: 0, answers: 0, flagged: 0, notCovered: 0, helpful: 0, unhelpful: 0, handoffs: 0);
        AssertCounts(report.Days[4], conversations: 2, answers: 2, flagged: 0, notCovered: 2, helpful: 0, unhelpful: 1, handoffs: 1);
        Assert.Equal(0, report.Days[4].FlagRate);

        // c1 talked on two days and counts once; c4 only got the welcome and does not count.
        AssertCounts(report.Totals, conversations: 5, answers: 6, flagged: 2, notCovered: 3, helpful: 1, unhelpful: 2, handoffs: 2);
        Assert.Equal(2.0 / 6, report.Totals.FlagRate, 10);
    }

    [Fact]
    public async Task BuildAsync_ListsTheMostCitedSources_CountingEachAnswerOnce()
    {
        using var db = await SeedPilotWeekAsync();

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(s_period);

        Assert.Equal([new TopicCount("Tokens", 3), new TopicCount("Context windows", 1), new TopicCount("Hallucinations", 1)], report.TopTopics);
    }

    [Fact]
    public async Task BuildAsync_GroupsNotCoveredQuestionsThatDifferOnlyInCaseSpacingAndPunctuation_MostRecentFirst()
    {
        using var db = await SeedPilotWeekAsync();

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(s_period);

        Assert.Collection(
            report.NotCovered,
            weather =>
            {
                Assert.Equal("What's the weather in <script>alert(1)</script>?", weather.Question);
                Assert.Equal(1, weather.Count);
                Assert.Equal(At(2026, 11, 5, 9), weather.LastAskedAt);
                Assert.Equal("19:abc@thread.tacv2", weather.LastConversationId);
            },
            reset =>
            {
                Assert.Equal("how do I reset my  password", reset.Question); // the latest phrasing, as asked
                Assert.Equal(2, reset.Count);
                Assert.Equal(At(2026, 11, 1, 23, 59), reset.FirstAskedAt);
                Assert.Equal(At(2026, 11, 5, 8), reset.LastAskedAt);
                Assert.Equal("c5", reset.LastConversationId);
            });
    }

    [Fact]
    public async Task BuildAsync_ListsHandoffsMostRecentFirst()
    {
        using var db = await SeedPilotWeekAsync();

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(s_period);

        Assert.Equal(["c5", "c1"], report.Handoffs.Select(h => h.ConversationId));
        Assert.Equal(At(2026, 11, 5, 8, 30), report.Handoffs[0].At);
        Assert.Equal("how do I reset my  password", report.Handoffs[0].LastQuestion);
    }

    [Fact]
    public async Task BuildAsync_TakesTheFirstInstantOfThePeriod_AndLeavesOutTheFirstInstantAfterIt()
    {
        using var db = await SeedAsync();
        await db.AddAsync(
            db.Answer(At(2026, 11, 1, 0, 0), "first-instant"),
            db.Answer(new DateTime(2026, 11, 5, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999), "last-instant"),
            db.Answer(At(2026, 11, 1, 0, 0).AddTicks(-1), "before"),
            db.Answer(At(2026, 11, 6, 0, 0), "after"),
            Handoff(At(2026, 11, 6, 0, 0), "after"),
            Transcript(At(2026, 10, 31, 23, 59), "before-transcript", "user", "{}"));

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(s_period);

        Assert.Equal(2, report.Totals.Answers);
        Assert.Equal(2, report.Totals.Conversations);
        Assert.Equal(0, report.Totals.Handoffs);
        Assert.Equal(1, report.Days[0].Answers);
        Assert.Equal(1, report.Days[4].Answers);
    }

    [Fact]
    public async Task BuildAsync_OnAnEmptyDatabase_GivesEveryDayWithZeros()
    {
        using var db = await SeedAsync();

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(ReportPeriod.Ending(new DateOnly(2026, 11, 5)));

        Assert.Equal(ReportPeriod.DefaultDays, report.Days.Count);
        Assert.Equal(new DateOnly(2026, 10, 23), report.From);
        Assert.All(report.Days, d => AssertCounts(d, 0, 0, 0, 0, 0, 0, 0));
        AssertCounts(report.Totals, 0, 0, 0, 0, 0, 0, 0);
        Assert.Empty(report.TopTopics);
        Assert.Empty(report.NotCovered);
        Assert.Empty(report.Handoffs);
    }

    [Fact]
    public async Task BuildAsync_ListsAtMostTenTopics()
    {
        using var db = await SeedAsync();
        var rows = Enumerable.Range(1, 12).Select(i => db.Answer(At(2026, 11, 2), "c", sources: string.Join('\n', Enumerable.Range(i, 13 - i).Select(n => $"Source {n:00}")))).ToArray<object>();
        await db.AddAsync(rows);

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(s_period);

        // Source n is cited by the answers 1..n: the higher the number, the more often.
        Assert.Equal(PilotReportBuilder.TopTopicCount, report.TopTopics.Count);
        Assert.Equal(new TopicCount("Source 12", 12), report.TopTopics[0]);
        Assert.Equal(new TopicCount("Source 03", 3), report.TopTopics[^1]);
    }

    [Fact]
    public async Task BuildAsync_CountsRepairedAnswersAndWithheldSentencesPerDay_AndListsTheLatestWithTheirReasons()
    {
        using var db = await SeedPilotWeekAsync();

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(s_period);

        Assert.Equal([1, 0, 0, 0, 1], report.Days.Select(d => d.RepairedAnswers));
        Assert.Equal([2, 0, 0, 0, 1], report.Days.Select(d => d.WithheldSentences));
        Assert.Equal([0, 0, 0, 0, 1], report.Days.Select(d => d.FellBackAnswers));
        Assert.Equal((2, 1, 3), (report.Totals.RepairedAnswers, report.Totals.FellBackAnswers, report.Totals.WithheldSentences));

        // Most recent answer first; within an answer, in the order written. The sentence outside the period is not listed.
        Assert.Equal(["It is <b>sunny</b>.", "Tokens are always whole words.", "A token costs 3 cents."], report.Withheld.Select(w => w.Text));
        var latest = report.Withheld[0];
        Assert.Equal((At(2026, 11, 5, 9), "msteams", "19:abc@thread.tacv2", true), (latest.At, latest.ChannelId, latest.ConversationId, latest.FellBack));
        Assert.Equal("What's the weather in <script>alert(1)</script>?", latest.Question);
        Assert.Equal(("Contradicted", "Source [1] gives a different number or date."), (report.Withheld[2].Verdict, report.Withheld[2].Reason));
        Assert.Equal(("Unsupported", "No source says this.", false), (report.Withheld[1].Verdict, report.Withheld[1].Reason, report.Withheld[1].FellBack));
    }

    [Fact]
    public async Task BuildAsync_ListsAtMostAHundredWithheldSentences()
    {
        using var db = await SeedAsync();
        await db.AddAsync(db.Answer(At(2026, 11, 2), "c1", withheld: [.. Enumerable.Range(0, PilotReportBuilder.WithheldCount + 5).Select(i => $"Made up {i}.")]));

        var report = await new PilotReportBuilder(db.Database, s_time).BuildAsync(s_period);

        Assert.Equal(PilotReportBuilder.WithheldCount, report.Withheld.Count);
        Assert.Equal("Made up 0.", report.Withheld[0].Text);
        Assert.Equal(PilotReportBuilder.WithheldCount + 5, report.Totals.WithheldSentences);
    }

    [Fact]
    public void Today_IsTheUtcDateOfTheTimeProvider()
    {
        using var database = new ChatbotDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { Provider = StorageProvider.Memory }));
        var lateEvening = new FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 23, 30, 0, TimeSpan.FromHours(-5)));

        Assert.Equal(new DateOnly(2026, 11, 6), new PilotReportBuilder(database, lateEvening).Today);
    }

    [Theory]
    [InlineData("How do I reset it?", "how do i reset it")]
    [InlineData("  how   do I\treset it ", "how do i reset it")]
    [InlineData("\"HOW DO I RESET IT!!\"", "how do i reset it")]
    [InlineData("Is 3.5 newer than 4?", "is 3.5 newer than 4")]
    [InlineData("???", "")]
    public void NormalizeQuestion_IgnoresCaseSpacingAndSurroundingPunctuation(string question, string expected)
    {
        Assert.Equal(expected, PilotReportBuilder.NormalizeQuestion(question));
    }

    /// <summary>Made-up answers, handoffs and transcripts over five days, two of them quiet, and rows just outside.</summary>
    internal static async Task<SeededDatabase> SeedPilotWeekAsync(SeededDatabase? into = null)
    {
        var db = into ?? await SeedAsync();
        await db.AddAsync(
            // 1 November: c1 asks twice (one flagged, thumbs up then down), c2 asks what the knowledge base lacks.
            db.Answer(At(2026, 11, 1, 9), "c1", helpful: true, sources: "Tokens\nContext windows", withheld: ["Tokens are always whole words.", "A token costs 3 cents."]),
            db.Answer(At(2026, 11, 1, 9, 5), "c1", flagged: 2, helpful: false, sources: "Tokens"),
            db.Answer(At(2026, 11, 1, 23, 59), "c2", question: "How do I reset my password?", covered: false),
            // 3 November: c1 again at midnight (a source cited twice counts once) and asks for a person; c3 only talks.
            db.Answer(At(2026, 11, 3, 0, 0), "c1", flagged: 1, sources: "Hallucinations\nTokens\n Tokens "),
            Handoff(At(2026, 11, 3, 0, 10), "c1"),
            Transcript(At(2026, 11, 3, 10), "c3", "user", """{"type":"message","text":"hello"}"""),
            Transcript(At(2026, 11, 3, 11), "c4", "bot", """{"type":"message","text":"Welcome"}"""),
            Transcript(At(2026, 11, 3, 11), "c4", "user", """{"type":"conversationUpdate"}""", type: "conversationUpdate"),
            // 5 November: the password question again, differently typed, with a thumbs down; a Teams user's gap.
            db.Answer(At(2026, 11, 5, 8), "c5", question: "how do I reset my  password", covered: false, helpful: false),
            Handoff(At(2026, 11, 5, 8, 30), "c5", lastQuestion: "how do I reset my  password"),
            db.Answer(At(2026, 11, 5, 9), "19:abc@thread.tacv2", question: "What's the weather in <script>alert(1)</script>?", covered: false, channel: "msteams", withheld: ["It is <b>sunny</b>."], fellBack: true),
            // Outside the period.
            db.Answer(At(2026, 10, 31, 23, 59), "c0", covered: false, flagged: 1, helpful: false, sources: "Outside", withheld: ["Outside the period."]),
            db.Answer(At(2026, 11, 6, 0, 0), "c7", covered: false, helpful: true, sources: "Outside"),
            Handoff(At(2026, 11, 6, 0, 0), "c7"),
            Transcript(At(2026, 10, 31, 12), "c8", "user", """{"type":"message","text":"early"}"""));
        return db;
    }

    private static Task<SeededDatabase> SeedAsync() => SeededDatabase.CreateAsync();

    private static void AssertCounts(PilotReportCounts counts, int conversations, int answers, int flagged, int notCovered, int helpful, int unhelpful, int handoffs)
    {
        Assert.Equal(
            (conversations, answers, flagged, notCovered, helpful, unhelpful, handoffs),
            (counts.Conversations, counts.Answers, counts.FlaggedAnswers, counts.NotCovered, counts.HelpfulFeedback, counts.UnhelpfulFeedback, counts.Handoffs));
    }
}
