using Microsoft.Bot.Builder;

namespace Chatbot.Storage.Tests.State;

/// <summary>An item with an ETag, as Bot Framework's storage tests write them.</summary>
public sealed class StoredNote : IStoreItem
{
    public string? ETag { get; set; }

    public string Text { get; set; } = string.Empty;

    public int Version { get; set; }
}

/// <summary>A nested object without an ETag: lists, dictionaries, times and enums inside.</summary>
public sealed class StoredProfile
{
    public string Name { get; set; } = string.Empty;

    public List<StoredAddress> Addresses { get; set; } = [];

    public Dictionary<string, int> Scores { get; set; } = [];

    public DateTime UpdatedAt { get; set; }

    public DayOfWeek Day { get; set; }

    public decimal? Balance { get; set; }
}

public sealed class StoredAddress
{
    public string City { get; set; } = string.Empty;

    public string[] Lines { get; set; } = [];
}
