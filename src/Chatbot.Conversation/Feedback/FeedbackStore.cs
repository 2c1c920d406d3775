using Microsoft.Bot.Builder;

namespace Chatbot.Conversation.Feedback;

/// <summary>Keeps feedback in the bot's <see cref="IStorage"/>, one item per answer, next to conversation state.</summary>
public sealed class FeedbackStore(IStorage storage)
{
    /// <summary>The storage key of the feedback on <paramref name="answerId"/>.</summary>
    public static string KeyOf(string conversationKey, string answerId) => $"feedback/{conversationKey}/{answerId}";

    /// <summary>Saves (or replaces) the feedback on one answer.</summary>
    public Task SaveAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return storage.WriteAsync(new Dictionary<string, object> { [KeyOf(record.ConversationKey, record.AnswerId)] = record }, cancellationToken);
    }

    /// <summary>Reads the feedback on one answer, or null.</summary>
    public async Task<FeedbackRecord?> ReadAsync(string conversationKey, string answerId, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(conversationKey, answerId);
        var items = await storage.ReadAsync<FeedbackRecord>([key], cancellationToken);
        return items.TryGetValue(key, out var record) ? record : null;
    }
}
