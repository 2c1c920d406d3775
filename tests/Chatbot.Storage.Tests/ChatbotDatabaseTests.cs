using Chatbot.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Tests;

public sealed class ChatbotDatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatbot-db-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task MigrateAsync_OnANewSqliteFile_CreatesItsFolderAndEveryTable()
    {
        var file = Path.Combine(_folder, "nested", "chatbot.db");
        using var database = new ChatbotDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={file};Pooling=False" }));

        await database.MigrateAsync();

        Assert.True(File.Exists(file));
        await using var context = database.CreateContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await context.StateItems.CountAsync());
        Assert.Equal(0, await context.Transcripts.CountAsync());
        Assert.Equal(0, await context.Handoffs.CountAsync());
    }

    [Fact]
    public async Task MemoryProvider_KeepsRowsBetweenContexts_AndTimesComeBackAsUtc()
    {
        using var database = new ChatbotDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Memory }));
        await database.MigrateAsync();
        var at = new DateTime(2026, 12, 6, 10, 30, 0, DateTimeKind.Utc);

        await using (var context = database.CreateContext())
        {
            context.Answers.Add(new AnswerEntry { AnswerId = "a1", ChannelId = "webchat", ConversationId = "c1", At = at, Question = "q" });
            await context.SaveChangesAsync();
        }

        await using (var context = database.CreateContext())
        {
            var read = await context.Answers.SingleAsync(a => a.At >= at.AddMinutes(-1));
            Assert.Equal(at, read.At);
            Assert.Equal(DateTimeKind.Utc, read.At.Kind);
        }
    }

    [Fact]
    public void Postgres_WithoutAConnectionString_SaysWhichSettingIsMissing()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new ChatbotDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Postgres })));
        Assert.Contains("Storage:ConnectionString", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
