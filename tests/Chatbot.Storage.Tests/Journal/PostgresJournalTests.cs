using Chatbot.AI.Answers;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Journal;
using Chatbot.Grounding;
using Chatbot.Storage.Journal;
using Chatbot.Storage.Redaction;
using Chatbot.Storage.Reporting;
using Chatbot.Storage.Transcripts;
using Chatbot.Testing.Postgres;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.Journal;

/// <summary>
/// What a pilot reviews, written and read on PostgreSQL as the app configured for several instances does: a redacted
/// transcript, an answer with its flags and feedback, a handoff, and the report counting them.
/// </summary>
public sealed class PostgresJournalTests(PostgresTestDatabase postgres) : IClassFixture<PostgresTestDatabase>
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 6, 9, 30, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task TranscriptJournalAndReport_WorkOnPostgres()
    {
        using var database = new ChatbotDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = postgres.ConnectionString }));
        await database.MigrateAsync();
        var redactor = new PersonalDataRedactor();
        var transcripts = new DatabaseTranscriptStore(database, new ActivityRedactor(redactor));
        var journal = new DatabaseConversationJournal(database, redactor);
        const string Conversation = "a:1Xq-9|teams;messageid=17";

        await transcripts.LogActivityAsync(Message("u1", "user", "can I return it? mail me at ana@example.org", s_at));
        await transcripts.LogActivityAsync(Message("b1", "bot", "Yes, within 30 days [1].", s_at.AddSeconds(2)));
        await journal.RecordAnswerAsync(new AnswerRecord
        {
            AnswerId = "ans-1", ChannelId = "msteams", ConversationId = Conversation, At = s_at.AddSeconds(2),
            Question = "can I return it? mail me at ana@example.org", Sources = ["Returns and refunds"], Sentences = 2, Flagged = 1, FlagKinds = ["Unsupported"],
        });
        await journal.RecordAnswerAsync(new AnswerRecord
        {
            AnswerId = "ans-2", ChannelId = "msteams", ConversationId = Conversation, At = s_at.AddMinutes(1),
            Question = "do you sell gift cards", Covered = false, Sentences = 1,
        });
        await journal.RecordFeedbackAsync(new FeedbackRecord { AnswerId = "ans-1", ChannelId = "msteams", ConversationId = Conversation, Helpful = false, Comment = "call +44 20 7946 0958", At = s_at.AddMinutes(2) });
        await journal.RecordHandoffAsync(new HandoffRecord { ChannelId = "msteams", ConversationId = Conversation, At = s_at.AddMinutes(3), LastQuestion = "do you sell gift cards", Delivered = false });

        var logged = await transcripts.GetTranscriptActivitiesAsync("msteams", Conversation);
        Assert.Equal(["can I return it? mail me at [email]", "Yes, within 30 days [1]."], logged.Items.Select(a => a.AsMessageActivity().Text));

        var report = await new PilotReportBuilder(database, new FakeTimeProvider(s_at.AddHours(1))).BuildAsync(new ReportPeriod(new DateOnly(2026, 12, 6), new DateOnly(2026, 12, 6)));
        Assert.Equal((1, 2, 1, 1, 0, 1, 1), (report.Totals.Conversations, report.Totals.Answers, report.Totals.FlaggedAnswers, report.Totals.NotCovered, report.Totals.HelpfulFeedback, report.Totals.UnhelpfulFeedback, report.Totals.Handoffs));
        Assert.Equal("do you sell gift cards", Assert.Single(report.NotCovered).Question);
        Assert.Equal("Returns and refunds", Assert.Single(report.TopTopics).Title);

        var conversation = await new ConversationTranscriptReader(database).ReadAsync(Conversation);
        Assert.NotNull(conversation);
        Assert.Equal(["user", "bot"], conversation.Activities.Select(a => a.Role));
    }

    [PostgresFact]
    public async Task WithheldSentences_AreStoredRedactedAndReported_OnPostgres()
    {
        using var database = new ChatbotDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = postgres.ConnectionString }));
        await database.MigrateAsync();
        var journal = new DatabaseConversationJournal(database, new PersonalDataRedactor());
        var at = new DateTimeOffset(2026, 12, 9, 14, 0, 0, TimeSpan.Zero);

        await journal.RecordAnswerAsync(new AnswerRecord
        {
            AnswerId = "ans-repaired", ChannelId = "msteams", ConversationId = "c-repair", At = at, Question = "refund?", Sentences = 1, Repaired = true,
            Withheld = [new WithheldSentence("Write to ana@example.org for a refund.", GroundingVerdict.Unsupported, "No source says this.")],
        });
        await journal.RecordAnswerAsync(new AnswerRecord
        {
            AnswerId = "ans-fallback", ChannelId = "msteams", ConversationId = "c-repair", At = at.AddMinutes(1), Question = "fees?", Sentences = 2, Repaired = true, FellBack = true,
            Withheld =
            [
                new WithheldSentence("Fees are 5%.", GroundingVerdict.Contradicted, "Source [1] gives a different number or date."),
                new WithheldSentence("Fees are charged monthly.", GroundingVerdict.Supported, "Withheld with the rest of the model's answer."),
            ],
        });

        var report = await new PilotReportBuilder(database, new FakeTimeProvider(at.AddHours(1))).BuildAsync(new ReportPeriod(new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 9)));
        Assert.Equal((2, 1, 3), (report.Totals.RepairedAnswers, report.Totals.FellBackAnswers, report.Totals.WithheldSentences));
        Assert.Equal(["Fees are 5%.", "Fees are charged monthly.", "Write to [email] for a refund."], report.Withheld.Select(w => w.Text));
        Assert.Equal(["Contradicted", "Supported", "Unsupported"], report.Withheld.Select(w => w.Verdict));
        Assert.Equal([true, true, false], report.Withheld.Select(w => w.FellBack));
        Assert.Equal("fees?", report.Withheld[0].Question);
    }

    private static Activity Message(string id, string role, string text, DateTimeOffset at) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = "msteams",
        Conversation = new ConversationAccount { Id = "a:1Xq-9|teams;messageid=17" },
        From = new ChannelAccount(role == "user" ? "user-1" : "bot-1", role: role),
        Recipient = new ChannelAccount(role == "user" ? "bot-1" : "user-1"),
        Text = text,
        Timestamp = at,
    };
}
