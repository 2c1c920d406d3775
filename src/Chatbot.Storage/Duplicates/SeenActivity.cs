using Microsoft.Bot.Builder;

namespace Chatbot.Storage.Duplicates;

/// <summary>The record that an activity was delivered, kept in Bot Framework state under <see cref="DuplicateActivityMiddleware.KeyPrefix"/>.</summary>
public sealed class SeenActivity : IStoreItem
{
    /// <summary>When the first delivery arrived (UTC).</summary>
    public DateTimeOffset SeenAt { get; set; }

    /// <inheritdoc />
    public string? ETag { get; set; }
}
