using Chatbot.Storage.State;
using Chatbot.Testing.Postgres;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Tests.Hosting;

public sealed class StorageRegistrationTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        return new ServiceCollection().AddLogging().AddChatbotStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public void TheDefault_IsSqlite_OnDataChatbotDb()
    {
        using var services = Services();

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=data/chatbot.db", StorageOptions.DefaultSqliteConnectionString);
    }

    [Theory]
    [InlineData("Cassandra", "Storage:Provider")]
    [InlineData("Postgres", "Storage:ConnectionString")]
    public void ABadSetting_FailsValidation_NamingIt(string provider, string named)
    {
        using var services = Services(("Storage:Provider", provider));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Memory_UsesBotFrameworksMemoryStorage_AndSqlite_OursOnTheFile()
    {
        using (var memory = Services(("Storage:Provider", "Memory")))
        {
            Assert.IsType<MemoryStorage>(memory.GetRequiredService<IStorage>());
        }

        var folder = Directory.CreateTempSubdirectory("chatbot-registration-").FullName;
        using (var sqlite = Services(("Storage:Provider", "Sqlite"), ("Storage:ConnectionString", $"Data Source={Path.Combine(folder, "db.sqlite")};Pooling=False")))
        {
            Assert.IsType<DatabaseStorage>(sqlite.GetRequiredService<IStorage>());
        }

        Chatbot.Testing.Files.TempFolder.TryDelete(folder);
    }

    [PostgresFact]
    public async Task InstancesStartingTogether_MigrateOnePostgresDatabase_WithoutRacing()
    {
        // Six instances start at once on a database no migration has touched; EF Core's migration lock lets one work.
        var instances = Enumerable.Range(0, 6).Select(_ => new ChatbotDatabase(Options.Create(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = database.ConnectionString }))).ToList();
        try
        {
            await Task.WhenAll(instances.Select(i => Task.Run(() => i.MigrateAsync())));

            var migrations = await instances[0].ListMigrationsAsync();
            Assert.NotEmpty(migrations);
            Assert.All(migrations, m => Assert.True(m.Applied, m.Migration));
            Assert.True(await instances[0].CanConnectAsync(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            instances.ForEach(i => i.Dispose());
        }
    }
}
