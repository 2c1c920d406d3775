using System.Globalization;
using Chatbot.Storage.Entities;
using Chatbot.Storage.Redaction;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Chatbot.Storage.Transcripts;

/// <summary>
/// Bot Framework's <see cref="ITranscriptStore"/> over the <c>transcripts</c> table: the
/// <see cref="TranscriptLoggerMiddleware"/> logs every activity of a turn here, redacted by
/// <see cref="ActivityRedactor"/> before it is stored, and a pilot reads conversations back page by page.
/// </summary>
/// <remarks>
/// Typing indicators (and the chunks of a streamed answer, which are typing activities) are not kept: the message
/// they lead to is. An activity whose sender has no role is stored as the bot's (the middleware gives incoming
/// activities the user's role when they have none). Activities are stored as Bot Framework serializes them (Newtonsoft.Json, nulls left out).
/// Continuation tokens are opaque strings: the last row id for a conversation's activities, the last
/// conversation's start and id for the list of conversations.
/// </remarks>
public sealed partial class DatabaseTranscriptStore : ITranscriptStore
{
    /// <summary>How many activities or conversations one page holds.</summary>
    public const int PageSize = 20;

    private static readonly JsonSerializerSettings s_json = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    };

    private static readonly JsonSerializer s_serializer = JsonSerializer.Create(s_json);

    private readonly ChatbotDatabase _database;
    private readonly ActivityRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public DatabaseTranscriptStore(ChatbotDatabase database, ActivityRedactor redactor, TimeProvider? time = null, ILogger<DatabaseTranscriptStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(redactor);
        _database = database;
        _redactor = redactor;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<DatabaseTranscriptStore>.Instance;
    }

    /// <inheritdoc />
    public async Task LogActivityAsync(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type == ActivityTypes.Typing)
        {
            return;
        }

        try
        {
            var json = JObject.FromObject(activity, s_serializer);
            _redactor.Redact(json);
            var role = RoleOf(activity);
            if (json["from"] is JObject from)
            {
                from["role"] = role;
            }

            await using var context = _database.CreateContext();
            context.Transcripts.Add(new TranscriptEntry
            {
                ChannelId = activity.ChannelId ?? string.Empty,
                ConversationId = activity.Conversation?.Id ?? string.Empty,
                ActivityId = activity.Id,
                Timestamp = (activity.Timestamp ?? _time.GetUtcNow()).UtcDateTime,
                Type = activity.Type ?? string.Empty,
                FromRole = role,
                // (Formatting, params converters): the overload every Newtonsoft.Json 13.0.x has.
                Json = json.ToString(Formatting.None, []),
            });
            await context.SaveChangesAsync();
        }
        catch (Exception ex)
        {
            // The middleware logs transcripts after the turn and only traces failures: say it where operators look.
            Log.NotLogged(_logger, activity.Type ?? "untyped", activity.ChannelId ?? "no", ex);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<PagedResult<IActivity>> GetTranscriptActivitiesAsync(string channelId, string conversationId, string? continuationToken = null, DateTimeOffset startDate = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var after = ParseRowToken(continuationToken);
        var from = startDate.UtcDateTime;

        await using var context = _database.CreateContext();
        var rows = await context.Transcripts.AsNoTracking()
            .Where(t => t.ChannelId == channelId && t.ConversationId == conversationId && t.Timestamp >= from && t.Id > after)
            .OrderBy(t => t.Id)
            .Take(PageSize + 1)
            .Select(t => new { t.Id, t.Json })
            .ToListAsync();

        var page = rows.Take(PageSize).ToList();
        return new PagedResult<IActivity>
        {
            Items = page.Select(r => (IActivity)JsonConvert.DeserializeObject<Activity>(r.Json, s_json)!).ToArray(),
            ContinuationToken = rows.Count > PageSize ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    /// <inheritdoc />
    public async Task<PagedResult<TranscriptInfo>> ListTranscriptsAsync(string channelId, string? continuationToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        var after = ParseListToken(continuationToken);

        await using var context = _database.CreateContext();
        var conversations = context.Transcripts.AsNoTracking()
            .Where(t => t.ChannelId == channelId)
            .GroupBy(t => t.ConversationId)
            .Select(g => new { Id = g.Key, Created = g.Min(t => t.Timestamp) });
        if (after is { } last)
        {
            var (created, id) = last;
            conversations = conversations.Where(c => c.Created > created || (c.Created == created && string.Compare(c.Id, id) > 0));
        }

        var rows = await conversations.OrderBy(c => c.Created).ThenBy(c => c.Id).Take(PageSize + 1).ToListAsync();
        var page = rows.Take(PageSize).ToList();
        return new PagedResult<TranscriptInfo>
        {
            Items = page.Select(c => new TranscriptInfo { ChannelId = channelId, Id = c.Id, Created = new DateTimeOffset(c.Created, TimeSpan.Zero) }).ToArray(),
            ContinuationToken = rows.Count > PageSize ? FormattableString.Invariant($"{page[^1].Created.Ticks}:{page[^1].Id}") : null,
        };
    }

    /// <inheritdoc />
    public async Task DeleteTranscriptAsync(string channelId, string conversationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        await using var context = _database.CreateContext();
        await context.Transcripts.Where(t => t.ChannelId == channelId && t.ConversationId == conversationId).ExecuteDeleteAsync();
    }

    /// <summary>
    /// Who sent <paramref name="activity"/>: the middleware gives an incoming activity without a role the user's, so one
    /// that still has none is the bot's reply (channels such as Teams name no role on the bot's account).
    /// </summary>
    private static string RoleOf(IActivity activity) =>
        string.IsNullOrEmpty(activity.From?.Role) ? RoleTypes.Bot : activity.From.Role;

    private static long ParseRowToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ArgumentException("Not a continuation token of this store.", nameof(token));
    }

    private static (DateTime Created, string Id)? ParseListToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? (new DateTime(ticks, DateTimeKind.Utc), token[(colon + 1)..])
            : throw new ArgumentException("Not a continuation token of this store.", nameof(token));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A {Type} activity on {ChannelId} could not be added to its transcript")]
        public static partial void NotLogged(ILogger logger, string type, string channelId, Exception exception);
    }
}
