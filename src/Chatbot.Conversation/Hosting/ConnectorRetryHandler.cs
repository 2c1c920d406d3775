using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Conversation.Hosting;

/// <summary>
/// Retries the bot's calls to a channel (replies, updates, typing) that the channel turned away for now: 429 (rate
/// limited; Teams limits each conversation and each bot), 412 (Teams' precondition failure during streaming), 502 and
/// 504. Waits as <c>Retry-After</c> says, else backs off exponentially with full jitter, so that many conversations
/// retrying together do not hit the limit again at once.
/// </summary>
public sealed partial class ConnectorRetryHandler : DelegatingHandler
{
    /// <summary>The name of the HTTP client the Bot Framework connector uses.</summary>
    public const string ClientName = "BotConnector";

    private readonly int _maxAttempts;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly ILogger _logger;

    /// <param name="maxAttempts">Attempts in all, the first included.</param>
    /// <param name="baseDelay">The first backoff's upper bound (doubled on each retry).</param>
    /// <param name="maxDelay">The longest wait between attempts, whatever the channel asks.</param>
    /// <param name="logger">Optional logger.</param>
    public ConnectorRetryHandler(int maxAttempts = 4, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, ILogger<ConnectorRetryHandler>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _maxAttempts = maxAttempts;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(500);
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(10);
        _logger = logger ?? NullLogger<ConnectorRetryHandler>.Instance;
    }

    /// <summary>Whether a response with <paramref name="status"/> is worth another try.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The connector's bodies are strings; buffered, they can be sent again.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!IsTransient(response.StatusCode) || attempt >= _maxAttempts)
            {
                return response;
            }

            var delay = Delay(response, attempt);
            Log.Retrying(_logger, (int)response.StatusCode, request.Method, request.RequestUri?.AbsolutePath, delay.TotalMilliseconds, attempt);
            response.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Delay(HttpResponseMessage response, int attempt)
    {
        var asked = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        if (asked is { } wait && wait > TimeSpan.Zero)
        {
            return wait < _maxDelay ? wait : _maxDelay;
        }

        // Full jitter: a random wait up to the exponential bound.
        var bound = Math.Min(_maxDelay.TotalMilliseconds, _baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * bound);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The channel answered {Status} to {Method} {Path}; retrying in {DelayMs:F0} ms (attempt {Attempt}).")]
        public static partial void Retrying(ILogger logger, int status, HttpMethod method, string? path, double delayMs, int attempt);
    }
}

/// <summary>Gives the Bot Framework connector its own HTTP client, the one with <see cref="ConnectorRetryHandler"/>, whatever name it asks for.</summary>
internal sealed class ConnectorHttpClientFactory(IHttpClientFactory inner) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => inner.CreateClient(ConnectorRetryHandler.ClientName);
}
