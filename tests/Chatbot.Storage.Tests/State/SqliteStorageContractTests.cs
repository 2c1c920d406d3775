namespace Chatbot.Storage.Tests.State;

/// <summary>The contract on a SQLite file (the default store), one file per test.</summary>
public sealed class SqliteStorageContractTests : DatabaseStorageContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chatbot-state-").FullName;

    protected override StorageOptions DatabaseOptions => new()
    {
        Provider = StorageProvider.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_folder, "chatbot.db")};Pooling=False",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Chatbot.Testing.Files.TempFolder.TryDelete(_folder);
    }
}
