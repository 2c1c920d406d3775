using Microsoft.Extensions.Options;

namespace Chatbot.Configuration;

/// <summary>Rejects an inconsistent Bot Framework identity at start-up, naming the setting at fault.</summary>
public sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    private static readonly string[] s_appTypes = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var appType = string.IsNullOrWhiteSpace(options.MicrosoftAppType) ? "MultiTenant" : options.MicrosoftAppType.Trim();

        if (!s_appTypes.Contains(appType, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"MicrosoftAppType: '{options.MicrosoftAppType}' is not one of {string.Join(", ", s_appTypes)}.");
        }

        if (options.IsAnonymous)
        {
            if (!string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            {
                failures.Add("MicrosoftAppPassword: is set but MicrosoftAppId is empty; set both, or neither for anonymous local use.");
            }

            return Result(failures);
        }

        if (!Guid.TryParse(options.MicrosoftAppId, out _))
        {
            failures.Add($"MicrosoftAppId: '{options.MicrosoftAppId}' is not a GUID (the bot's Microsoft Entra app registration id).");
        }

        var managedIdentity = appType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase);
        if (!managedIdentity && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add("MicrosoftAppPassword: is required when MicrosoftAppId is set (unless MicrosoftAppType is UserAssignedMSI).");
        }

        if (!appType.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase) && !Guid.TryParse(options.MicrosoftAppTenantId, out _))
        {
            failures.Add($"MicrosoftAppTenantId: a tenant GUID is required when MicrosoftAppType is {appType}.");
        }

        return Result(failures);
    }

    private static ValidateOptionsResult Result(List<string> failures)
        => failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
