namespace Chatbot.Configuration;

/// <summary>
/// The bot's Bot Framework identity, read from the root configuration keys the Bot Framework SDK
/// uses. Empty <see cref="MicrosoftAppId"/> means anonymous mode, as the Bot Framework Emulator
/// and the Microsoft 365 Agents Playground use locally.
/// </summary>
public sealed class BotAuthenticationOptions
{
    /// <summary>The bot's Microsoft Entra app registration id (a GUID); empty for anonymous local use.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The app registration's client secret; required with an app id unless the type is UserAssignedMSI.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>MultiTenant (default), SingleTenant or UserAssignedMSI.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The Entra tenant id; required for SingleTenant and UserAssignedMSI.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>True when requests are accepted without a Bot Framework token.</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);
}
