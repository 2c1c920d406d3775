using Chatbot.Knowledge.Indexing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Knowledge.Hosting;

/// <summary>
/// Checks the index folder every <see cref="KnowledgeOptions.ReloadCheckSeconds"/> seconds and swaps in a
/// generation committed by another process, so documents added with <c>ingest PATH</c> while the bot
/// is running are answered from without a restart.
/// </summary>
public sealed partial class KnowledgeIndexReloadService(
    KnowledgeIndex index, IOptions<KnowledgeOptions> options, TimeProvider time, ILogger<KnowledgeIndexReloadService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.ReloadCheckSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    index.ReloadIfChanged();
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
                {
                    // The current snapshot keeps serving; the next tick tries again.
                    Log.ReloadFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Checking the knowledge index folder for a newer generation failed.")]
        public static partial void ReloadFailed(ILogger logger, Exception exception);
    }
}
