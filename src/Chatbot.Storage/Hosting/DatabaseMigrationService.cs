using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chatbot.Storage.Hosting;

/// <summary>
/// Brings the database up to date when the app starts, before the web server takes traffic (hosted services
/// start first). Several instances starting at once on PostgreSQL are safe: EF Core's migration lock lets
/// one migrate while the others wait, then find nothing left to do.
/// </summary>
public sealed partial class DatabaseMigrationService(ChatbotDatabase database, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await database.MigrateAsync(cancellationToken);
        LogMigrated(logger, database.Provider, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Provider} database is up to date ({ElapsedMs:0} ms)")]
    private static partial void LogMigrated(ILogger logger, StorageProvider provider, double elapsedMs);
}
