using System.ComponentModel.DataAnnotations;

namespace Chatbot.Conversation.Dialogs;

/// <summary>Where a conversation goes when the user asks for a person (section <c>Handoff</c>).</summary>
public sealed class HandoffOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Handoff";

    /// <summary>The queue or skill the handoff event names; the channel's agent hub routes on it.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(128)]
    public string Target { get; set; } = "support";

    /// <summary>What the user is told happens next.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(500)]
    public string Message { get; set; } = "I've asked a person from our support team to join. They'll see our conversation so far, so you won't need to repeat yourself.";

    /// <summary>What the user is told when the channel cannot take a handoff (Teams, for one, rejects the event).</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(500)]
    public string UnavailableMessage { get; set; } = "I can't bring a person into this chat from here. Please contact our support team directly, and mention what you asked me so far.";
}
