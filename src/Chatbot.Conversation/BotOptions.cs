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
    /// After this many consecutive failed turns in one conversation, the conversation's state
    /// (dialog stack, last answer) is cleared so a broken state cannot trap the user.
    /// </summary>
    [Range(1, 10)]
    public int ResetConversationAfterFailures { get; set; } = 2;
}
