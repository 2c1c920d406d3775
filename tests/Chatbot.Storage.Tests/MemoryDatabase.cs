using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Tests;

/// <summary>A migrated in-memory database for one test.</summary>
internal static class MemoryDatabase
{
    public static async Task<ChatbotDatabase> CreateAsync()
    {
        var database = new ChatbotDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Memory }));
        await database.MigrateAsync();
        return database;
    }
}
