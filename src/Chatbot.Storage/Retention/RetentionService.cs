using Chatbot.Storage.Duplicates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Retention;

/// <summary>
/// Deletes transcripts, answers (with their feedback) and handoffs older than <see cref="StorageOptions.RetentionDays"/>
/// (kept forever when the setting is 0), and the records of delivered activities once they are older than
/// <see cref="DuplicateActivityMiddleware.Window"/> (whatever the setting: they are bookkeeping, not data anyone keeps):
/// once the app has started, then every <see cref="Interval"/>.
/// </summary>
public sealed partial class RetentionService : BackgroundService
{
    /// <summary>How often old rows are looked for after the first time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly ChatbotDatabase _database;
    private readonly int _retentionDays;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="database">The bot's database.</param>
    /// <param name="options">The retention setting.</param>
    /// <param name="time">The clock; tests move it.</param>
    /// <param name="lifetime">The first purge waits for the app to have started (its database migrated); null starts at once.</param>
    /// <param name="logger">Logs what was deleted.</param>
    public RetentionService(ChatbotDatabase database, IOptions<StorageOptions> options, TimeProvider? time = null, IHostApplicationLifetime? lifetime = null, ILogger<RetentionService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _retentionDays = options.Value.RetentionDays;
        _time = time ?? TimeProvider.System;
        _lifetime = lifetime;
        _logger = logger ?? NullLogger<RetentionService>.Instance;
    }

    /// <summary>Deletes what is older than the retention period now; returns how many rows went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var context = _database.CreateContext();
        var seenBefore = now - DuplicateActivityMiddleware.Window;
        var seen = await context.StateItems
            .Where(item => item.Key.StartsWith(DuplicateActivityMiddleware.KeyPrefix) && item.UpdatedAt < seenBefore)
            .ExecuteDeleteAsync(cancellationToken);
        if (seen > 0)
        {
            Log.PurgedSeenActivities(_logger, seen);
        }

        if (_retentionDays == 0)
        {
            return seen;
        }

        var cutoff = now.AddDays(-_retentionDays);
        var transcripts = await context.Transcripts.Where(t => t.Timestamp < cutoff).ExecuteDeleteAsync(cancellationToken);
        // Explicitly, rather than through the cascade, so a SQLite connection without foreign keys still forgets them.
        await context.WithheldSentences.Where(w => w.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        var answers = await context.Answers.Where(a => a.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        var handoffs = await context.Handoffs.Where(h => h.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (transcripts + answers + handoffs > 0)
        {
            Log.Purged(_logger, transcripts, answers, handoffs, _retentionDays);
        }

        return seen + transcripts + answers + handoffs;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_lifetime is not null)
        {
            await WhenStartedAsync(_lifetime, stoppingToken);
        }

        // The timer runs from before the first purge, so the next one comes an interval after the last began,
        // however long a purge takes (a tick during a purge is kept for the next wait).
        using var timer = new PeriodicTimer(Interval, _time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be down for a while: try again at the next interval.
                Log.PurgeFailed(_logger, ex);
            }

            try
            {
                if (!await timer.WaitForNextTickAsync(stoppingToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
        }
        catch (OperationCanceledException)
        {
            // Stopped before it started: the loop sees the token.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Deleted {Transcripts} transcript activities, {Answers} answers and {Handoffs} handoffs older than {Days} days")]
        public static partial void Purged(ILogger logger, int transcripts, int answers, int handoffs, int days);

        [LoggerMessage(3, LogLevel.Debug, "Deleted {Count} records of delivered activities older than the duplicate window")]
        public static partial void PurgedSeenActivities(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "Deleting old transcripts and journal rows failed; trying again in an hour")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);
    }
}
