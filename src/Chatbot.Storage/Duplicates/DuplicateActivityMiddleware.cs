using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace Chatbot.Storage.Duplicates;

/// <summary>
/// Lets an activity through once: a second delivery of the same activity (channel, conversation and activity id)
/// within <see cref="Window"/> ends the turn before the bot or the transcript sees it, so nothing is answered or
/// advanced twice. Channels redeliver when the bot was slow to answer (Teams retries after 15 seconds).
/// </summary>
/// <remarks>
/// <para>Which delivery is first is decided by the state store: each activity claims a key with a write that only
/// a new key accepts (<see cref="State.DatabaseStorage"/>: the primary key refuses a second INSERT), so the decision holds
/// across instances sharing PostgreSQL and across restarts. <see cref="Retention.RetentionService"/> deletes the keys
/// once they are older than the window.</para>
/// <para>The repeat gets what an empty turn gets: 200 without a reply, an empty list for <c>expectReplies</c> (the
/// first delivery's response carries the replies) and a 200 invoke response for an invoke.</para>
/// </remarks>
public sealed partial class DuplicateActivityMiddleware : IMiddleware
{
    /// <summary>The start of every key this middleware writes to state.</summary>
    public const string KeyPrefix = "seen-activities/";

    /// <summary>How long a delivered activity is remembered; far longer than any channel retries.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly IStorage _storage;
    private readonly TimeProvider _time;
    private readonly ILogger<DuplicateActivityMiddleware> _logger;

    /// <summary>Creates the middleware over the bot's state store.</summary>
    public DuplicateActivityMiddleware(IStorage storage, TimeProvider time, ILogger<DuplicateActivityMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _storage = storage;
        _time = time;
        _logger = logger;
    }

    /// <summary>The state key that records <paramref name="activity"/>; null when it cannot be told apart from others (no id).</summary>
    public static string? KeyOf(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.Id) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            return null;
        }

        // Hashed: ids are the channel's (Teams conversation ids run to hundreds of characters), and a fixed-length
        // key fits the column whatever they hold.
        var identity = Encoding.UTF8.GetBytes($"{activity.ChannelId}\n{activity.Conversation.Id}\n{activity.Id}");
        return KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(identity));
    }

    /// <inheritdoc />
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);

        var key = KeyOf(turnContext.Activity);
        if (key is null || await ClaimAsync(key, cancellationToken))
        {
            await next(cancellationToken);
            return;
        }

        LogRepeat(_logger, turnContext.Activity.ChannelId, turnContext.Activity.Conversation.Id, turnContext.Activity.Id, turnContext.Activity.Type);
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            // An invoke must be answered; the first delivery did the work.
            await turnContext.SendActivityAsync(new Activity(ActivityTypesEx.InvokeResponse) { Value = new InvokeResponse { Status = 200 } }, cancellationToken);
        }
    }

    /// <summary>True when this delivery is the first within the window (and now recorded as such).</summary>
    private async Task<bool> ClaimAsync(string key, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        try
        {
            // No ETag: only a key not yet stored takes the write.
            await _storage.WriteAsync(new Dictionary<string, object> { [key] = new SeenActivity { SeenAt = now } }, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Refused (each store says so with its own exception) or failed: what is stored tells which.
            var found = await _storage.ReadAsync([key], cancellationToken);
            var stored = found.TryGetValue(key, out var value) ? value as SeenActivity : null;
            if (stored is null)
            {
                ExceptionDispatchInfo.Capture(ex).Throw();
            }

            if (now - stored.SeenAt < Window)
            {
                return false;
            }

            // Seen long ago (not purged yet): a new delivery. Another instance claiming it at the same moment makes this write stale.
            try
            {
                stored.SeenAt = now;
                await _storage.WriteAsync(new Dictionary<string, object> { [key] = stored }, cancellationToken);
                return true;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity {ActivityId} ({Type}) of {ChannelId} conversation {ConversationId} was delivered again; the repeat is not answered")]
    private static partial void LogRepeat(ILogger logger, string channelId, string conversationId, string activityId, string type);
}
