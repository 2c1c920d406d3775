using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Chatbot.Storage.Reporting;

/// <summary>
/// Reads a conversation's logged transcript back for a person to read: who said what and when, and which of the
/// bot's messages were answers. The stored activities were redacted before they were written; nothing is added here.
/// Typing indicators are left out.
/// </summary>
public sealed class ConversationTranscriptReader
{
    /// <summary>The most activities one transcript returns (the oldest ones).</summary>
    public const int MaxActivities = 2000;

    private readonly ChatbotDatabase _database;

    /// <summary>Reads from <paramref name="database"/>.</summary>
    public ConversationTranscriptReader(ChatbotDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>
    /// The transcript of <paramref name="conversationId"/>, on <paramref name="channelId"/> when given, else on the
    /// channel that logged it first; null when nothing was logged for it.
    /// </summary>
    public async Task<ConversationTranscript?> ReadAsync(string conversationId, string? channelId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        await using var context = _database.CreateContext();
        var query = context.Transcripts.AsNoTracking().Where(t => t.ConversationId == conversationId && t.Type != "typing");
        if (!string.IsNullOrEmpty(channelId))
        {
            query = query.Where(t => t.ChannelId == channelId);
        }

        var rows = await query.OrderBy(t => t.Id).Take(MaxActivities).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        // Ids are unique per channel only: keep the first channel's conversation.
        var channel = rows[0].ChannelId;
        return new ConversationTranscript
        {
            ConversationId = conversationId,
            ChannelId = channel,
            Activities = [.. rows.Where(r => r.ChannelId == channel).Select(r => Read(r.Type, r.FromRole, r.Timestamp, r.Json))],
        };
    }

    private static TranscriptActivity Read(string type, string? role, DateTime at, string json)
    {
        string? text = null;
        string? answerId = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var activity = document.RootElement;
            if (activity.ValueKind == JsonValueKind.Object)
            {
                role ??= activity.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object ? StringOf(from, "role") : null;
                text = StringOf(activity, "text") ?? (type == "event" ? StringOf(activity, "name") : null);
                answerId = AnswerIdOf(activity);
            }
        }
        catch (JsonException)
        {
            // A row that is not JSON still shows who and when.
        }

        return new TranscriptActivity { Role = role, At = at, Type = type, Text = text, AnswerId = answerId };
    }

    /// <summary>
    /// Where the bot puts an answer's id: the feedback actions of its message entity (Web Chat), or
    /// <c>channelData.answerId</c>.
    /// </summary>
    private static string? AnswerIdOf(JsonElement activity)
    {
        if (activity.TryGetProperty("channelData", out var channelData) && channelData.ValueKind == JsonValueKind.Object && StringOf(channelData, "answerId") is { } fromChannelData)
        {
            return fromChannelData;
        }

        if (!activity.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var entity in entities.EnumerateArray())
        {
            if (entity.ValueKind != JsonValueKind.Object || !entity.TryGetProperty("potentialAction", out var actions) || actions.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var action in actions.EnumerateArray())
            {
                if (action.ValueKind == JsonValueKind.Object && StringOf(action, "answerId") is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
