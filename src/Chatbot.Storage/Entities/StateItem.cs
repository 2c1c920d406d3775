namespace Chatbot.Storage.Entities;

/// <summary>One item of Bot Framework state (a conversation's dialog stack, a user's profile, ...).</summary>
public sealed class StateItem
{
    /// <summary>The storage key, as the bot's state classes make it.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The item as JSON.</summary>
    public string Json { get; set; } = string.Empty;

    /// <summary>Changes on every write; a write that names an older one is a conflict.</summary>
    public string ETag { get; set; } = string.Empty;

    /// <summary>When it was last written (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
