using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chatbot.Knowledge.Hosting;

/// <summary>
/// Makes the knowledge index ready when the host starts: loads the saved index, and builds it from
/// the configured folders when there is none (startup waits, so the bot never answers from an empty
/// index). An existing index is refreshed in the background, serving the saved one meanwhile.
/// </summary>
public sealed partial class KnowledgeIndexStartupService : IHostedService, IDisposable
{
    private readonly KnowledgeIndex _index;
    private readonly KnowledgeIngestor _ingestor;
    private readonly ILogger<KnowledgeIndexStartupService> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _refresh;

    public KnowledgeIndexStartupService(KnowledgeIndex index, KnowledgeIngestor ingestor, ILogger<KnowledgeIndexStartupService> logger)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(ingestor);
        ArgumentNullException.ThrowIfNull(logger);
        _index = index;
        _ingestor = ingestor;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _index.EnsureLoaded();
        if (_index.IsEmpty)
        {
            Log.Building(_logger, _index.IndexPath);
            await _ingestor.EnsureIndexedAsync(cancellationToken: cancellationToken);
            return;
        }

        _refresh = Task.Run(() => RefreshAsync(_stopping.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // A host that runs through RunAsync disposes its services as soon as it has stopped, which can
            // overtake a second StopAsync (WebApplicationFactory does that). Disposed means stopped.
            return;
        }
        if (_refresh is not null)
        {
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _ingestor.EnsureIndexedAsync(cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Host stopping.
        }
        catch (Exception ex)
        {
            // The saved index keeps serving; a failed refresh must not take the bot down.
            Log.RefreshFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "No knowledge index at {IndexPath}: building it from the configured folders.")]
        public static partial void Building(ILogger logger, string indexPath);

        [LoggerMessage(2, LogLevel.Error, "Refreshing the knowledge index failed; the saved index is still served.")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
