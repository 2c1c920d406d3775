using Microsoft.Extensions.Options;

namespace Chatbot.Protection;

/// <summary>Rejects unusable <see cref="ProtectionOptions"/> at start-up, naming the setting at fault.</summary>
public sealed class ProtectionOptionsValidator : IValidateOptions<ProtectionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.MessagesPerSecondPerConversation is < 0 or > 1000)
        {
            failures.Add($"Protection:MessagesPerSecondPerConversation must be between 0 (no limit) and 1000 (was {options.MessagesPerSecondPerConversation}).");
        }

        if (options.RequestsPerMinutePerClient is < 0 or > 1_000_000)
        {
            failures.Add($"Protection:RequestsPerMinutePerClient must be between 0 (no limit) and 1000000 (was {options.RequestsPerMinutePerClient}).");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!IsOrigin(origin))
            {
                failures.Add($"Protection:AllowedOrigins holds '{origin}', which is not an origin: give scheme, host and port only, such as https://support.example.com (no '*', path or query).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>True for <c>http(s)://host[:port]</c>, with nothing after it but an optional slash.</summary>
    public static bool IsOrigin(string? value)
        => !string.IsNullOrWhiteSpace(value)
            && !value.Contains('*', StringComparison.Ordinal)
            && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.PathAndQuery == "/"
            && string.IsNullOrEmpty(uri.Fragment)
            && string.IsNullOrEmpty(uri.UserInfo)
            && !value.TrimEnd('/').EndsWith('?');

    /// <summary>The origin as browsers send it in the <c>Origin</c> header (<c>https://host</c>, default port left out).</summary>
    public static string Normalize(string origin)
    {
        var uri = new Uri(origin, UriKind.Absolute);
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
