using Chatbot.Storage.Redaction;
using Chatbot.Storage.Transcripts;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.Transcripts;

public sealed class DatabaseTranscriptStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private ChatbotDatabase _database = null!;
    private DatabaseTranscriptStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await MemoryDatabase.CreateAsync();
        _store = new DatabaseTranscriptStore(_database, new ActivityRedactor(new PersonalDataRedactor()), _time);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheMiddleware_LogsTheUsersMessageAndTheBotsReply_Redacted_InOrder()
    {
        var adapter = new TestAdapter(Microsoft.Bot.Connector.Channels.Webchat).Use(new TranscriptLoggerMiddleware(_store));

        await new TestFlow(adapter, async (context, ct) =>
            {
                await context.SendActivityAsync(Activity.CreateTypingActivity(), ct);
                await context.SendActivityAsync($"You wrote: {context.Activity.Text}", cancellationToken: ct);
            })
            .Send("mail me at ana@example.org")
            .AssertReply(a => Assert.Equal(ActivityTypes.Typing, a.Type))
            .AssertReply("You wrote: mail me at ana@example.org")
            .StartTestAsync();

        var activities = await WaitForAsync(adapter.Conversation.ChannelId, adapter.Conversation.Conversation.Id, count: 2);
        Assert.Collection(
            activities,
            a => Assert.Equal(("mail me at [email]", RoleTypes.User), (a.AsMessageActivity().Text, a.From.Role)),
            a => Assert.Equal(("You wrote: mail me at [email]", RoleTypes.Bot), (a.AsMessageActivity().Text, a.From.Role)));
        await using var context = _database.CreateContext();
        var rows = await context.Transcripts.OrderBy(t => t.Id).ToListAsync();
        Assert.Equal([RoleTypes.User, RoleTypes.Bot], rows.Select(r => r.FromRole));
        Assert.All(rows, r => Assert.Equal(ActivityTypes.Message, r.Type)); // the typing indicator is not kept
    }

    [Fact]
    public async Task Activities_ComeBackAsTheyWereLogged_AndEveryPageContinuesWhereTheLastEnded()
    {
        for (var i = 0; i < 45; i++)
        {
            await _store.LogActivityAsync(Message("c1", $"message {i}", _time.GetUtcNow().AddMinutes(i)));
        }

        await _store.LogActivityAsync(Message("other", "not this one", _time.GetUtcNow()));

        var first = await _store.GetTranscriptActivitiesAsync("webchat", "c1");
        var second = await _store.GetTranscriptActivitiesAsync("webchat", "c1", first.ContinuationToken);
        var third = await _store.GetTranscriptActivitiesAsync("webchat", "c1", second.ContinuationToken);

        Assert.Equal(DatabaseTranscriptStore.PageSize, first.Items.Length);
        Assert.Equal(DatabaseTranscriptStore.PageSize, second.Items.Length);
        Assert.Equal(5, third.Items.Length);
        Assert.Null(third.ContinuationToken);
        var texts = first.Items.Concat(second.Items).Concat(third.Items).Select(a => a.AsMessageActivity().Text);
        Assert.Equal(Enumerable.Range(0, 45).Select(i => $"message {i}"), texts);
        var read = first.Items[3].AsMessageActivity();
        Assert.Equal(_time.GetUtcNow().AddMinutes(3), read.Timestamp);
        Assert.Equal("user-1", read.From.Id);
        Assert.Equal("c1", read.Conversation.Id);
    }

    [Fact]
    public async Task AStartDate_LeavesOutWhatCameBefore()
    {
        var start = _time.GetUtcNow();
        await _store.LogActivityAsync(Message("c1", "yesterday", start.AddDays(-1)));
        await _store.LogActivityAsync(Message("c1", "today", start));
        await _store.LogActivityAsync(Message("c1", "later", start.AddHours(1)));

        var page = await _store.GetTranscriptActivitiesAsync("webchat", "c1", startDate: start);

        Assert.Equal(["today", "later"], page.Items.Select(a => a.AsMessageActivity().Text));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ListTranscripts_GivesEachConversationOnceWithItsStart_PageByPage()
    {
        var start = _time.GetUtcNow();
        for (var i = 0; i < 25; i++)
        {
            // Two activities each; two conversations share a start, which the token must still tell apart.
            var created = start.AddMinutes(i == 24 ? 23 : i);
            await _store.LogActivityAsync(Message($"conv-{i:D2}", "hello", created));
            await _store.LogActivityAsync(Message($"conv-{i:D2}", "bye", created.AddSeconds(30)));
        }

        await _store.LogActivityAsync(Message("teams-conv", "elsewhere", start, channelId: "msteams"));

        var first = await _store.ListTranscriptsAsync("webchat");
        var second = await _store.ListTranscriptsAsync("webchat", first.ContinuationToken);

        Assert.Equal(DatabaseTranscriptStore.PageSize, first.Items.Length);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(5, second.Items.Length);
        Assert.Null(second.ContinuationToken);
        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"conv-{i:D2}"), all.Select(t => t.Id));
        Assert.All(all, t => Assert.Equal("webchat", t.ChannelId));
        Assert.Equal(start.AddMinutes(5), all[5].Created);
        Assert.Equal("teams-conv", Assert.Single((await _store.ListTranscriptsAsync("msteams")).Items).Id);
    }

    [Fact]
    public async Task DeleteTranscript_RemovesOneConversationOnly()
    {
        await _store.LogActivityAsync(Message("c1", "one", _time.GetUtcNow()));
        await _store.LogActivityAsync(Message("c2", "two", _time.GetUtcNow()));

        await _store.DeleteTranscriptAsync("webchat", "c1");

        Assert.Empty((await _store.GetTranscriptActivitiesAsync("webchat", "c1")).Items);
        Assert.Single((await _store.GetTranscriptActivitiesAsync("webchat", "c2")).Items);
    }

    [Fact]
    public async Task WithRedactionOff_TextIsStoredAsWritten()
    {
        var store = new DatabaseTranscriptStore(_database, new ActivityRedactor(new PersonalDataRedactor(enabled: false)), _time);

        await store.LogActivityAsync(Message("c1", "call me on 555-123-4567", _time.GetUtcNow()));

        Assert.Equal("call me on 555-123-4567", Assert.Single((await store.GetTranscriptActivitiesAsync("webchat", "c1")).Items).AsMessageActivity().Text);
    }

    [Fact]
    public async Task AnActivityWithoutATimestamp_IsStampedWithTheStoresClock()
    {
        var activity = Message("c1", "no time", _time.GetUtcNow());
        activity.Timestamp = null;

        await _store.LogActivityAsync(activity);

        await using var context = _database.CreateContext();
        Assert.Equal(_time.GetUtcNow().UtcDateTime, (await context.Transcripts.SingleAsync()).Timestamp);
    }

    [Fact]
    public async Task AForeignContinuationToken_IsRejected() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _store.GetTranscriptActivitiesAsync("webchat", "c1", "not-a-token"));

    private static Activity Message(string conversationId, string text, DateTimeOffset at, string channelId = "webchat") => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        Text = text,
        Timestamp = at,
        ChannelId = channelId,
        From = new ChannelAccount("user-1", "User", RoleTypes.User),
        Recipient = new ChannelAccount("bot-1", "Bot", RoleTypes.Bot),
        Conversation = new ConversationAccount(id: conversationId),
    };

    /// <summary>The middleware writes after the turn without waiting: poll until it has.</summary>
    private async Task<IActivity[]> WaitForAsync(string channelId, string conversationId, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var items = (await _store.GetTranscriptActivitiesAsync(channelId, conversationId)).Items;
            if (items.Length >= count || attempt == 200)
            {
                return items;
            }

            await Task.Delay(25);
        }
    }
}
