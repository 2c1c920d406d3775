namespace Chatbot.DirectLine;

/// <summary>
/// The local Direct Line 3.0 channel and the Azure token exchange (section <c>DirectLine</c>).
/// </summary>
public sealed class DirectLineOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "DirectLine";

    /// <summary>
    /// Whether <c>/v3/directline</c> is served. Null decides by environment: on in Development, and
    /// elsewhere only when <see cref="Secret"/> is set, so a deployment never opens it by accident.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// When set, starting a conversation or generating a token requires <c>Authorization: Bearer</c>
    /// this secret, and the secret opens every conversation (as a Direct Line secret does).
    /// Empty: anyone who can reach the endpoint may start a conversation.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a conversation token is valid; Web Chat refreshes its token every 15 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A conversation nobody has touched (not even polled) for this long is forgotten.</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The newest activities kept per conversation; older ones are dropped.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 1000;

    /// <summary>Conversations kept at once; when full, the one idle the longest is forgotten.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>
    /// The secret of the bot's Direct Line channel in Azure. When set, <c>POST /api/directline/token</c>
    /// exchanges it for a conversation token so a web page can embed Web Chat without ever seeing it.
    /// </summary>
    public string? AzureSecret { get; set; }

    /// <summary>The Azure Direct Line service (a regional one, or a fake in tests).</summary>
    public Uri AzureEndpoint { get; set; } = new("https://directline.botframework.com/");

    /// <summary>True when a secret guards the local channel.</summary>
    public bool HasSecret => !string.IsNullOrEmpty(Secret);

    /// <summary>True when <c>POST /api/directline/token</c> exchanges <see cref="AzureSecret"/>.</summary>
    public bool HasAzureSecret => !string.IsNullOrWhiteSpace(AzureSecret);

    /// <summary>Whether the local channel is served in <paramref name="environment"/> (see <see cref="Enabled"/>).</summary>
    public bool IsEnabledIn(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Enabled ?? (environment.IsDevelopment() || HasSecret);
    }
}
