namespace Chatbot.Protection;

/// <summary>
/// Settings of section <c>Protection</c>: how many requests the bot takes before answering 429, and which other
/// origins' pages may call the local Direct Line service.
/// </summary>
public sealed class ProtectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Protection";

    /// <summary>
    /// Activities a conversation may send per second, on <c>/api/messages</c> and Direct Line (0 = no limit).
    /// Teams allows a bot 7 messages a second per conversation; the same bound keeps one conversation from
    /// taking the bot's turns away from everyone else.
    /// </summary>
    public int MessagesPerSecondPerConversation { get; set; } = 7;

    /// <summary>
    /// Requests one client address may make per minute to <c>/api/messages</c>, Direct Line and the admin
    /// endpoints (0 = no limit). Behind the Bot Framework Connector every channel's traffic comes from Microsoft's
    /// few addresses, so this must stay above the bot's whole peak load.
    /// </summary>
    public int RequestsPerMinutePerClient { get; set; } = 1200;

    /// <summary>
    /// Origins (<c>https://support.example.com</c>) whose pages may call <c>/v3/directline</c> from the browser.
    /// Empty: only the app's own page. <c>/api/messages</c> and <c>/admin</c> never take cross-origin calls.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}
