using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Chatbot.DirectLine;

/// <summary>
/// Exchanges the bot's Azure Direct Line secret (<see cref="DirectLineOptions.AzureSecret"/>) for a
/// token that opens one conversation, so a web page can embed Web Chat without the secret.
/// </summary>
public sealed partial class AzureDirectLineTokenClient
{
    private readonly HttpClient _http;
    private readonly DirectLineOptions _options;
    private readonly ILogger<AzureDirectLineTokenClient> _logger;

    /// <summary>Creates the client over an <see cref="HttpClient"/> from the factory (it is not disposed here).</summary>
    public AzureDirectLineTokenClient(HttpClient http, IOptions<DirectLineOptions> options, ILogger<AzureDirectLineTokenClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// Asks Azure for a token for a new conversation, with a user id of its own embedded (the
    /// <c>dl_</c> prefix tells Direct Line the id came from a trusted server).
    /// </summary>
    /// <returns>The token; null when Azure did not issue one (the reason is logged).</returns>
    public async Task<DirectLineTokenResponse?> GenerateAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.HasAzureSecret)
        {
            throw new InvalidOperationException("DirectLine:AzureSecret is not set.");
        }

        var endpoint = new Uri(WithTrailingSlash(_options.AzureEndpoint), "v3/directline/tokens/generate");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new { user = new { id = $"dl_{Guid.NewGuid():N}" } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AzureSecret);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(_logger, endpoint.Host, (int)response.StatusCode);
                return null;
            }

            var token = await response.Content.ReadFromJsonAsync<DirectLineTokenResponse>(cancellationToken);
            if (string.IsNullOrEmpty(token?.Token) || string.IsNullOrEmpty(token.ConversationId))
            {
                LogUnreadable(_logger, endpoint.Host);
                return null;
            }

            return token;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(_logger, ex, endpoint.Host);
            return null;
        }
    }

    private static Uri WithTrailingSlash(Uri uri)
        => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line at {Host} refused to generate a token (HTTP {Status}); check DirectLine:AzureSecret")]
    private static partial void LogRefused(ILogger logger, string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line at {Host} answered without a token")]
    private static partial void LogUnreadable(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach Direct Line at {Host} to generate a token")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string host);
}
