using System.Globalization;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Chatbot.DirectLine;

/// <summary>
/// One conversation of the local Direct Line channel: its user, its activity log (the newest
/// <see cref="DirectLineOptions.MaxActivitiesPerConversation"/> activities, each at a watermark
/// position that only grows) and the queue that runs its bot turns one at a time, in order.
/// </summary>
public sealed class DirectLineConversation
{
    private readonly Lock _gate = new();
    private readonly Lock _postedGate = new();
    private readonly Dictionary<string, string> _posted = new(StringComparer.Ordinal);
    private readonly Queue<string> _postedOrder = new();
    private readonly List<LoggedActivity> _log = [];
    private readonly int _maxActivities;
    private readonly TimeProvider _clock;
    private long _watermark;
    private long _activityCount;
    private long _lastUsedTicks;
    private int _started;
    private Task _turns = Task.CompletedTask;

    /// <summary>Creates an empty conversation.</summary>
    /// <param name="id">The conversation id.</param>
    /// <param name="user">The user the conversation starts with.</param>
    /// <param name="userIsFixed">True when the user came with the token, so clients cannot speak as anyone else.</param>
    /// <param name="locale">The locale the client asked for, if any.</param>
    /// <param name="maxActivities">How many activities the log keeps.</param>
    /// <param name="clock">The clock for timestamps and idle time.</param>
    public DirectLineConversation(string id, ChannelAccount user, bool userIsFixed, string? locale, int maxActivities, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActivities, 1);
        ArgumentNullException.ThrowIfNull(clock);
        Id = id;
        User = user;
        UserIsFixed = userIsFixed;
        Locale = locale;
        _maxActivities = maxActivities;
        _clock = clock;
        Touch();
    }

    /// <summary>The conversation id.</summary>
    public string Id { get; }

    /// <summary>The user the bot is told joined when the conversation starts.</summary>
    public ChannelAccount User { get; }

    /// <summary>True when every activity from the client is sent as <see cref="User"/>, whatever its <c>from</c> says.</summary>
    public bool UserIsFixed { get; }

    /// <summary>The locale the client asked for when it started the conversation.</summary>
    public string? Locale { get; }

    /// <summary>When a client last used the conversation.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>Marks the conversation as in use now, which keeps it from expiring.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, _clock.GetUtcNow().UtcTicks);

    /// <summary>Returns true exactly once: for the caller that gets to tell the bot the conversation started.</summary>
    public bool TryMarkStarted() => Interlocked.Exchange(ref _started, 1) == 0;

    /// <summary>
    /// Accepts a client's activity once per <paramref name="clientActivityId"/> (Web Chat's <c>channelData.clientActivityID</c>,
    /// the same when it sends an activity again after a failed POST): the first time <paramref name="accept"/> runs and
    /// its id is remembered (for as many activities as the log keeps); a repeat gets that id and nothing runs.
    /// Without a client id every activity is accepted.
    /// </summary>
    /// <returns>True when <paramref name="accept"/> ran; <paramref name="id"/> is the activity's id either way.</returns>
    public bool AcceptOnce(string? clientActivityId, Func<string> accept, out string id)
    {
        ArgumentNullException.ThrowIfNull(accept);
        if (string.IsNullOrEmpty(clientActivityId))
        {
            id = accept();
            return true;
        }

        lock (_postedGate)
        {
            if (_posted.TryGetValue(clientActivityId, out var known))
            {
                id = known;
                return false;
            }

            id = accept();
            _posted[clientActivityId] = id;
            _postedOrder.Enqueue(clientActivityId);
            if (_postedOrder.Count > _maxActivities)
            {
                _posted.Remove(_postedOrder.Dequeue());
            }

            return true;
        }
    }

    /// <summary>
    /// Adds an activity at the next watermark position, giving it an id (unless it has one) and a
    /// timestamp. The log keeps a snapshot, so later changes to <paramref name="activity"/> are not seen.
    /// </summary>
    /// <returns>The activity's id.</returns>
    public string Append(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(activity.Id))
            {
                // The real service's shape: the conversation id, a bar, a sequence number.
                activity.Id = string.Create(CultureInfo.InvariantCulture, $"{Id}|{++_activityCount:D7}");
            }

            activity.Timestamp ??= _clock.GetUtcNow();
            AddLocked(activity);
            return activity.Id;
        }
    }

    /// <summary>
    /// Replaces an activity's content, keeping its id: the old entry leaves the log and the new
    /// content takes the next watermark position, so polling clients receive it again.
    /// </summary>
    /// <returns>False when the activity is no longer in the log (it is added anyway).</returns>
    public bool Replace(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(activity.Id);
        lock (_gate)
        {
            var found = _log.RemoveAll(e => e.Id == activity.Id) > 0;
            activity.Timestamp ??= _clock.GetUtcNow();
            AddLocked(activity);
            return found;
        }
    }

    /// <summary>
    /// Removes an activity and logs a <c>messageDelete</c> naming it, so clients that already
    /// showed it can take it down, and clients that connect later never see it.
    /// </summary>
    /// <returns>False when the activity was not in the log.</returns>
    public bool Remove(string activityId, ChannelAccount? from)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        lock (_gate)
        {
            if (_log.RemoveAll(e => e.Id == activityId) == 0)
            {
                return false;
            }

            AddLocked(new Activity
            {
                Type = ActivityTypes.MessageDelete,
                Id = activityId,
                Timestamp = _clock.GetUtcNow(),
                ChannelId = DirectLineChannel.ChannelId,
                Conversation = new ConversationAccount(id: Id),
                From = from,
            });
            return true;
        }
    }

    /// <summary>The activities logged after <paramref name="watermark"/> (all kept ones when null), oldest first.</summary>
    public DirectLineActivityPage Read(long? watermark)
    {
        lock (_gate)
        {
            var after = watermark ?? 0;
            var activities = _log.Where(e => e.Watermark > after).Select(e => e.Json).ToList();
            return new DirectLineActivityPage(activities, _watermark == 0 ? null : _watermark);
        }
    }

    /// <summary>
    /// Runs <paramref name="turn"/> after every turn queued before it, on the thread pool. A turn must
    /// handle its own failures; the returned task completes when it has run.
    /// </summary>
    public Task EnqueueTurn(Func<Task> turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        lock (_gate)
        {
            // Not ExecuteSynchronously: the turn must never run inside this lock.
            _turns = _turns.ContinueWith(_ => turn(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            return _turns;
        }
    }

    private void AddLocked(Activity activity)
    {
        var json = JsonConvert.SerializeObject(activity, Formatting.None, HttpHelper.BotMessageSerializerSettings);
        _log.Add(new LoggedActivity(++_watermark, activity.Id, json));
        if (_log.Count > _maxActivities)
        {
            _log.RemoveRange(0, _log.Count - _maxActivities);
        }
    }

    private sealed record LoggedActivity(long Watermark, string Id, string Json);
}

/// <summary>Activities for a polling client, and the watermark to ask from next time.</summary>
/// <param name="Activities">Each activity as JSON, oldest first.</param>
/// <param name="Watermark">The position of the newest activity logged; null while the log is empty.</param>
public sealed record DirectLineActivityPage(IReadOnlyList<string> Activities, long? Watermark);
