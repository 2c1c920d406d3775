using Chatbot.Storage.Duplicates;
using Chatbot.Storage.Entities;
using Chatbot.Storage.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.Retention;

public sealed class RetentionServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private ChatbotDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MemoryDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Purge_DeletesTranscriptsAnswersAndHandoffsOlderThanTheRetention_AndKeepsTheRest()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await AddRowsAsync("old", now.AddDays(-30).AddMinutes(-1));
        await AddRowsAsync("new", now.AddDays(-30).AddMinutes(1));

        var deleted = await Service(days: 30).PurgeAsync();

        Assert.Equal(3, deleted);
        await using var context = _database.CreateContext();
        Assert.Equal(["new"], await context.Transcripts.Select(t => t.ConversationId).ToListAsync());
        Assert.Equal(["new"], await context.Answers.Select(a => a.ConversationId).ToListAsync());
        Assert.Equal(["new"], await context.Handoffs.Select(h => h.ConversationId).ToListAsync());
        Assert.Equal(["withheld in new"], await context.WithheldSentences.Select(w => w.Text).ToListAsync());
    }

    [Fact]
    public async Task ZeroDays_KeepsEverythingForever()
    {
        await AddRowsAsync("ancient", _time.GetUtcNow().UtcDateTime.AddYears(-20));

        Assert.Equal(0, await Service(days: 0).PurgeAsync());

        await using var context = _database.CreateContext();
        Assert.Equal(1, await context.Transcripts.CountAsync());
    }

    [Fact]
    public async Task TheService_PurgesAtStart_AndAgainEveryInterval()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await AddRowsAsync("old", now.AddDays(-8));
        await AddRowsAsync("ageing", now.AddDays(-7).AddMinutes(30));
        using var service = Service(days: 7);

        await service.StartAsync(CancellationToken.None);
        await WaitUntilAsync(async () => await CountAsync() == 1);
        Assert.Equal(1, await CountAsync()); // "ageing" is within the week for another half hour

        _time.Advance(RetentionService.Interval);
        await WaitUntilAsync(async () => await CountAsync() == 0);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(0, await CountAsync());
    }

    [Theory]
    [InlineData(30)]
    [InlineData(0)] // records of delivered activities are bookkeeping, purged whatever the retention
    public async Task Purge_DeletesRecordsOfDeliveredActivities_OnceOlderThanTheDuplicateWindow(int days)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using (var context = _database.CreateContext())
        {
            context.StateItems.AddRange(
                new StateItem { Key = DuplicateActivityMiddleware.KeyPrefix + "old", Json = "{}", ETag = "a", UpdatedAt = now - DuplicateActivityMiddleware.Window - TimeSpan.FromMinutes(1) },
                new StateItem { Key = DuplicateActivityMiddleware.KeyPrefix + "recent", Json = "{}", ETag = "b", UpdatedAt = now - DuplicateActivityMiddleware.Window + TimeSpan.FromMinutes(1) },
                new StateItem { Key = "emulator/conversations/old", Json = "{}", ETag = "c", UpdatedAt = now.AddYears(-1) });
            await context.SaveChangesAsync();
        }

        var deleted = await Service(days).PurgeAsync();

        Assert.Equal(1, deleted);
        await using var after = _database.CreateContext();
        Assert.Equal(
            ["emulator/conversations/old", DuplicateActivityMiddleware.KeyPrefix + "recent"],
            await after.StateItems.Select(s => s.Key).OrderBy(k => k).ToListAsync());
    }

    private RetentionService Service(int days) =>
        new(_database, Options.Create(new StorageOptions { Provider = StorageProvider.Memory, RetentionDays = days }), _time);

    private async Task<int> CountAsync()
    {
        await using var context = _database.CreateContext();
        return await context.Transcripts.CountAsync();
    }

    private async Task AddRowsAsync(string conversationId, DateTime at)
    {
        await using var context = _database.CreateContext();
        context.Transcripts.Add(new TranscriptEntry { ChannelId = "webchat", ConversationId = conversationId, Timestamp = at, Type = "message", Json = "{}" });
        context.Answers.Add(new AnswerEntry
        {
            AnswerId = conversationId, ChannelId = "webchat", ConversationId = conversationId, At = at, Question = "q", Repaired = true, Withheld = 1,
            WithheldSentences = [new WithheldSentenceEntry { AnswerId = conversationId, At = at, Text = "withheld in " + conversationId, Verdict = "Unsupported" }],
        });
        context.Handoffs.Add(new HandoffEntry { ChannelId = "webchat", ConversationId = conversationId, At = at });
        await context.SaveChangesAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 400 && !await condition(); attempt++)
        {
            await Task.Delay(10);
        }
    }
}
