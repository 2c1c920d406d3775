using Microsoft.Extensions.Options;

namespace Chatbot.DirectLine;

/// <summary>Rejects unusable <see cref="DirectLineOptions"/> at start-up, naming the setting at fault.</summary>
public sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    /// <summary>The shortest secret accepted: a guessable one would open every conversation.</summary>
    public const int MinSecretLength = 16;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.HasSecret && options.Secret!.Trim().Length < MinSecretLength)
        {
            failures.Add($"DirectLine:Secret must be at least {MinSecretLength} characters (it opens every conversation).");
        }

        // Direct Line JS refreshes its token every 15 minutes, whatever expires_in says.
        CheckRange("DirectLine:TokenLifetime", options.TokenLifetime, TimeSpan.FromMinutes(20), TimeSpan.FromDays(1), failures);
        CheckRange("DirectLine:ConversationIdleTimeout", options.ConversationIdleTimeout, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7), failures);

        if (options.MaxActivitiesPerConversation is < 10 or > 100_000)
        {
            failures.Add($"DirectLine:MaxActivitiesPerConversation must be between 10 and 100000 (was {options.MaxActivitiesPerConversation}).");
        }

        if (options.MaxConversations is < 1 or > 1_000_000)
        {
            failures.Add($"DirectLine:MaxConversations must be between 1 and 1000000 (was {options.MaxConversations}).");
        }

        var endpoint = options.AzureEndpoint;
        if (endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"DirectLine:AzureEndpoint must be an absolute http(s) URL (was '{endpoint}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(string setting, TimeSpan value, TimeSpan min, TimeSpan max, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max} (was {value}).");
        }
    }
}
