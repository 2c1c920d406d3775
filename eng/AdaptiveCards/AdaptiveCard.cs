namespace AdaptiveCards
{
    /// <summary>
    /// The one type of the AdaptiveCards library that Microsoft.Bot.Schema refers to.
    /// Cards sent by the bot are built as JSON attachments, never through this class.
    /// </summary>
    public class AdaptiveCard
    {
        /// <summary>The content type of an Adaptive Card attachment.</summary>
        public const string ContentType = "application/vnd.microsoft.card.adaptive";

        /// <summary>Card schema version, for example "1.5".</summary>
        public string Version { get; set; } = "1.5";
    }
}
