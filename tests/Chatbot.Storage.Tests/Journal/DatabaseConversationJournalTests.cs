using Chatbot.AI.Answers;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Journal;
using Chatbot.Grounding;
using Chatbot.Storage.Journal;
using Chatbot.Storage.Redaction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.Storage.Tests.Journal;

public sealed class DatabaseConversationJournalTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly FakeLogger<DatabaseConversationJournal> _logger = new();
    private ChatbotDatabase _database = null!;
    private DatabaseConversationJournal _journal = null!;

    public async Task InitializeAsync()
    {
        _database = await MemoryDatabase.CreateAsync();
        _journal = new DatabaseConversationJournal(_database, new PersonalDataRedactor(), _logger);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnAnswer_IsStoredWithItsFlagsAndSources_AndARedactedQuestion()
    {
        await _journal.RecordAnswerAsync(Answer("a1") with
        {
            Question = "my order #100234 — mail jo@example.com",
            Covered = false,
            Sources = ["Returns policy", "Shipping: rates"],
            Sentences = 4,
            Flagged = 2,
            FlagKinds = ["Unsupported", "Contradicted", "Unsupported"],
            CuratedQuestion = "How do I return an item?",
        });

        await using var context = _database.CreateContext();
        var row = await context.Answers.SingleAsync();
        Assert.Equal(("a1", "webchat", "conv-1"), (row.AnswerId, row.ChannelId, row.ConversationId));
        Assert.Equal(s_at.UtcDateTime, row.At);
        Assert.Equal("my order #100234 — mail [email]", row.Question);
        Assert.False(row.Covered);
        Assert.Equal("extractive", row.Backend);
        Assert.Equal("Returns policy\nShipping: rates", row.Sources);
        Assert.Equal((4, 2), (row.Sentences, row.Flagged));
        Assert.Equal("Unsupported,Contradicted", row.FlagKinds);
        Assert.Equal("How do I return an item?", row.CuratedQuestion);
        Assert.Null(row.Helpful);
    }

    [Fact]
    public async Task ARepairedAnswer_IsStoredWithItsWithheldSentencesInOrder_Redacted()
    {
        await _journal.RecordAnswerAsync(Answer("a1") with
        {
            Repaired = true,
            FellBack = true,
            Withheld =
            [
                new WithheldSentence("Mail jo@example.com for a refund.", GroundingVerdict.Unsupported, "No source says this."),
                new WithheldSentence("Returns take 90 days.", GroundingVerdict.Contradicted, "Source [1] gives a different number or date."),
            ],
        });

        await using var context = _database.CreateContext();
        var row = await context.Answers.Include(a => a.WithheldSentences).SingleAsync();
        Assert.Equal((true, true, 2), (row.Repaired, row.FellBack, row.Withheld));
        var withheld = row.WithheldSentences.OrderBy(w => w.Position).ToList();
        Assert.Equal(["Mail [email] for a refund.", "Returns take 90 days."], withheld.Select(w => w.Text));
        Assert.Equal(["Unsupported", "Contradicted"], withheld.Select(w => w.Verdict));
        Assert.Equal("Source [1] gives a different number or date.", withheld[1].Reason);
        Assert.All(withheld, w => Assert.Equal(s_at.UtcDateTime, w.At));
    }

    [Fact]
    public async Task AnAnswerWithNothingWithheld_HasNoWithheldRows()
    {
        await _journal.RecordAnswerAsync(Answer("a1"));

        await using var context = _database.CreateContext();
        var row = await context.Answers.SingleAsync();
        Assert.Equal((false, false, 0), (row.Repaired, row.FellBack, row.Withheld));
        Assert.Equal(0, await context.WithheldSentences.CountAsync());
    }

    [Fact]
    public async Task Feedback_UpdatesItsAnswer_AndALaterJudgementReplacesIt()
    {
        await _journal.RecordAnswerAsync(Answer("a1"));
        await _journal.RecordAnswerAsync(Answer("a2"));

        await _journal.RecordFeedbackAsync(Feedback("a1", helpful: false, "wrong — call me on 555-123-4567"));
        await _journal.RecordFeedbackAsync(Feedback("a1", helpful: true, comment: null, at: s_at.AddMinutes(5)));

        await using var context = _database.CreateContext();
        var rated = await context.Answers.SingleAsync(a => a.AnswerId == "a1");
        Assert.True(rated.Helpful);
        Assert.Null(rated.FeedbackComment);
        Assert.Equal(s_at.AddMinutes(5).UtcDateTime, rated.FeedbackAt);
        Assert.Equal(4, rated.Sentences); // the answer's own columns stay as they were
        Assert.Null((await context.Answers.SingleAsync(a => a.AnswerId == "a2")).Helpful);
    }

    [Fact]
    public async Task AComment_IsRedacted()
    {
        await _journal.RecordAnswerAsync(Answer("a1"));

        await _journal.RecordFeedbackAsync(Feedback("a1", helpful: false, "wrong — call me on 555-123-4567"));

        await using var context = _database.CreateContext();
        Assert.Equal("wrong — call me on [phone]", (await context.Answers.SingleAsync()).FeedbackComment);
    }

    [Fact]
    public async Task Feedback_OnAnAnswerTheJournalMissed_ButTheConversationRemembers_IsKeptOnAMinimalRow()
    {
        await _journal.RecordFeedbackAsync(Feedback("before-restart", helpful: false, "too vague", question: "what is a zorblat? ana@example.org", backend: "ollama:llama3.2"));

        await using var context = _database.CreateContext();
        var row = await context.Answers.SingleAsync();
        Assert.Equal(("before-restart", "webchat", "conv-1"), (row.AnswerId, row.ChannelId, row.ConversationId));
        Assert.Equal("what is a zorblat? [email]", row.Question);
        Assert.Equal("ollama:llama3.2", row.Backend);
        Assert.False(row.Helpful);
        Assert.Equal("too vague", row.FeedbackComment);
        Assert.Equal(0, row.Sentences); // nothing is known of the answer itself
    }

    [Fact]
    public async Task Feedback_OnAnAnswerNobodyKnows_IsLoggedAndDropped()
    {
        // What a client alone sent: an answer id the conversation does not remember (no question) and the journal lacks.
        await _journal.RecordFeedbackAsync(Feedback("made-up", helpful: true, comment: null, question: null));

        await using var context = _database.CreateContext();
        Assert.Equal(0, await context.Answers.CountAsync());
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Message.Contains("not kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feedback_FromAnotherConversation_DoesNotTouchTheAnswer()
    {
        await _journal.RecordAnswerAsync(Answer("a1"));

        await _journal.RecordFeedbackAsync(Feedback("a1", helpful: false, "spam", conversationId: "someone-else"));

        await using var context = _database.CreateContext();
        var row = await context.Answers.SingleAsync();
        Assert.Null(row.Helpful);
        Assert.Equal("conv-1", row.ConversationId);
    }

    [Fact]
    public async Task AHandoff_IsStoredWithTheRedactedLastQuestion()
    {
        await _journal.RecordHandoffAsync(new HandoffRecord { ChannelId = "msteams", ConversationId = "a:1", At = s_at, LastQuestion = "refund to +44 20 7946 0958?", Delivered = false });
        await _journal.RecordHandoffAsync(new HandoffRecord { ChannelId = "webchat", ConversationId = "c2", At = s_at, Delivered = true });

        await using var context = _database.CreateContext();
        var rows = await context.Handoffs.OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("msteams", "a:1", "refund to [phone]?", false), (rows[0].ChannelId, rows[0].ConversationId, rows[0].LastQuestion, rows[0].Delivered));
        Assert.Equal(s_at.UtcDateTime, rows[0].At);
        Assert.Equal((null, true), (rows[1].LastQuestion, rows[1].Delivered));
    }

    [Fact]
    public async Task WithRedactionOff_TheQuestionIsStoredAsAsked()
    {
        var journal = new DatabaseConversationJournal(_database, new PersonalDataRedactor(enabled: false));

        await journal.RecordAnswerAsync(Answer("a1") with { Question = "jo@example.com" });

        await using var context = _database.CreateContext();
        Assert.Equal("jo@example.com", (await context.Answers.SingleAsync()).Question);
    }

    private static AnswerRecord Answer(string id) => new()
    {
        AnswerId = id,
        ChannelId = "webchat",
        ConversationId = "conv-1",
        At = s_at,
        Question = "what is a zorblat?",
        Backend = "extractive",
        Sentences = 4,
    };

    private static FeedbackRecord Feedback(
        string answerId,
        bool helpful,
        string? comment,
        DateTimeOffset? at = null,
        string? question = "what is a zorblat?",
        string? backend = null,
        string conversationId = "conv-1") => new()
    {
        AnswerId = answerId,
        ChannelId = "webchat",
        ConversationId = conversationId,
        Question = question,
        Backend = backend,
        Helpful = helpful,
        Comment = comment,
        At = at ?? s_at,
    };
}
