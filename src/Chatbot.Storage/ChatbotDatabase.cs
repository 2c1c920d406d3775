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

    /// <summary>
    /// Applies the migrations the database has not had yet. Instances starting together may all call it: on SQLite
    /// EF Core's lock table lets one migrate; on PostgreSQL a session advisory lock does, for the whole set.
    /// </summary>
    /// <remarks>
    /// EF Core's own PostgreSQL lock lasts one migration's transaction: with two or more migrations to apply, a
    /// second instance took it between them and applied the next one again ("column already exists").
    /// </remarks>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        if (Provider == StorageProvider.Postgres)
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(4170152683501772561)", cancellationToken);
                try
                {
                    await context.Database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(4170152683501772561)", CancellationToken.None);
                }
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }

            return;
        }

        await context.Database.MigrateAsync(cancellationToken);
        if (Provider == StorageProvider.Sqlite)
        {
            // Write-ahead logging lets turns read state while another turn writes; the file remembers the mode.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Every migration this build knows, with whether the database has had it, oldest first.</summary>
    public async Task<IReadOnlyList<(string Migration, bool Applied)>> ListMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext();
        var applied = (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return [.. context.Database.GetMigrations().Select(m => (m, applied.Contains(m)))];
    }

    /// <summary>Whether the database answers within <paramref name="timeout"/>.</summary>
    public async Task<bool> CanConnectAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await using var context = CreateContext();
            return await context.Database.CanConnectAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
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
