using System.ComponentModel.DataAnnotations;

namespace Chatbot.Conversation;

/// <summary>Settings of the bot's conversation behaviour (section <c>Bot</c>).</summary>
public sealed class BotOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Bot";

    /// <summary>The name the bot introduces itself with.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(64)]
    public string DisplayName { get; set; } = "GenAI Guide";

    /// <summary>
    /// In a pilot (<c>Knowledge:DocumentFolders</c> set): what the bot helps with, in a phrase that completes
    /// "I answer questions about …" ("your Tidewell orders: delivery, returns, payments and your account").
    /// Empty: the titles of the pilot's documents as indexed. The welcome, the help reply and the reply to messages
    /// outside it say this instead of describing the built-in generative AI guide.
    /// </summary>
    [StringLength(400)]
    public string Description { get; set; } = string.Empty;

    /// <summary>
    /// In a pilot: up to three questions the welcome and help reply offer as buttons. Empty: none (the built-in guide's
    /// questions are about generative AI, not the pilot's documents).
    /// </summary>
    [MaxLength(3)]
    public string[] StarterQuestions { get; set; } = [];

    /// <summary>
    /// After this many consecutive failed turns in one conversation, the conversation's state
    /// (dialog stack, last answer) is cleared so a broken state cannot trap the user.
    /// </summary>
    [Range(1, 10)]
    public int ResetConversationAfterFailures { get; set; } = 2;
}
