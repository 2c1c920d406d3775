using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Chatbot.Admin;

/// <summary>
/// Lets a request through to an admin endpoint only with the admin key in <see cref="AdminOptions.HeaderName"/>.
/// The key sent and the key configured are compared as SHA-256 hashes in constant time, so neither the time taken
/// nor the hashes' lengths tell a caller how much of a guess was right. While no key is configured, every admin
/// endpoint answers 404: there is nothing to authenticate against.
/// </summary>
public sealed class ApiKeyEndpointFilter : IEndpointFilter
{
    private readonly byte[]? _keyHash;
    private readonly ILogger<ApiKeyEndpointFilter> _logger;

    /// <summary>Checks against the key in <paramref name="options"/>.</summary>
    public ApiKeyEndpointFilter(IOptions<AdminOptions> options, ILogger<ApiKeyEndpointFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _keyHash = options.Value.Enabled ? Hash(options.Value.ApiKey) : null;
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (_keyHash is null)
        {
            return AdminResults.Off();
        }

        var sent = http.Request.Headers[AdminOptions.HeaderName];
        if (sent.Count == 0 || string.IsNullOrEmpty(sent[0]))
        {
            AdminLog.KeyMissing(_logger, http.Request.Path, AdminOptions.HeaderName);
            return AdminResults.Unauthorized($"Send the admin key in the {AdminOptions.HeaderName} header.");
        }

        // One header value only: a repeated header is not a way to try several keys at once.
        if (sent.Count != 1 || !CryptographicOperations.FixedTimeEquals(Hash(sent[0]!), _keyHash))
        {
            AdminLog.KeyWrong(_logger, http.Request.Path, AdminOptions.HeaderName);
            return AdminResults.Unauthorized($"The {AdminOptions.HeaderName} header does not hold the admin key.");
        }

        return await next(context);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
