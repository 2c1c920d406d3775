using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage;

/// <summary>
/// Opens contexts on the configured database. One per app (a singleton): for
/// <see cref="StorageProvider.Memory"/> it holds the connection that keeps the in-memory SQLite
/// database alive, so state, transcripts and the journal behave the same on every provider.
/// </summary>
public sealed class ChatbotDatabase : IDisposable
{
    private readonly DbContextOptions _options;
    private readonly SqliteConnection? _memoryKeeper;

    /// <summary>Opens the database <paramref name="options"/> name.</summary>
    public ChatbotDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Provider = settings.Provider;
        switch (settings.Provider)
        {
            case StorageProvider.Postgres:
                if (string.IsNullOrWhiteSpace(settings.ConnectionString))
                {
                    throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), ["Storage:ConnectionString is required when Storage:Provider is Postgres."]);
                }

                _options = new DbContextOptionsBuilder<PostgresChatbotDbContext>()
                    .UseNpgsql(settings.ConnectionString, o => o.EnableRetryOnFailure(3))
                    .Options;
                break;

            case StorageProvider.Memory:
                // A named shared-cache database lives as long as one connection to it is open.
                var memory = $"Data Source=chatbot-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
                _memoryKeeper = new SqliteConnection(memory);
                _memoryKeeper.Open();
                _options = new DbContextOptionsBuilder<SqliteChatbotDbContext>().UseSqlite(memory).Options;
                break;

            default:
                var connectionString = string.IsNullOrWhiteSpace(settings.ConnectionString) ? StorageOptions.DefaultSqliteConnectionString : settings.ConnectionString;
                EnsureFolder(connectionString);
                _options = new DbContextOptionsBuilder<SqliteChatbotDbContext>().UseSqlite(connectionString).Options;
                break;
        }
    }

    /// <summary>The provider in use.</summary>
    public StorageProvider Provider { get; }

    /// <summary>A new context; the caller disposes it.</summary>
    public ChatbotDbContext CreateContext() => Provider == StorageProvider.Postgres
        ? new PostgresChatbotDbContext((DbContextOptions<PostgresChatbotDbContext>)_options)
        : new SqliteChatbotDbContext((DbContextOptions<SqliteChatbotDbContext>)_options);

    /// <summary>Applies the migrations the database has not had yet.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        await context.Database.MigrateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _memoryKeeper?.Dispose();

    /// <summary>SQLite creates the file but not its folder.</summary>
    private static void EnsureFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
