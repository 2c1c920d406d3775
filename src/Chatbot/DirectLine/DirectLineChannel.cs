using System.Collections.Concurrent;
using System.Security.Claims;
using Chatbot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Chatbot.DirectLine;

/// <summary>
/// The channel side of the local Direct Line service: tells the bot a conversation started, logs
/// what a client posts (as the real service echoes it back), and runs the bot's turns in the
/// background, one at a time per conversation, so a client's POST returns at once and the replies
/// arrive by polling. As a hosted service it holds shutdown until the turns in flight are done, so
/// none still runs while the services it uses (the ONNX session, the index) are disposed.
/// </summary>
public sealed partial class DirectLineChannel : IHostedService
{
    /// <summary>The channel id the bot sees, as with Azure's Direct Line channel.</summary>
    public const string ChannelId = "directline";

    private readonly DirectLineAdapter _adapter;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly CancellationToken _stopping;
    private readonly ILogger<DirectLineChannel> _logger;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    /// <summary>Creates the channel.</summary>
    public DirectLineChannel(
        DirectLineAdapter adapter,
        IServiceScopeFactory scopes,
        IOptions<BotOptions> botOptions,
        TimeProvider clock,
        IHostApplicationLifetime lifetime,
        ILogger<DirectLineChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(botOptions);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(logger);
        _adapter = adapter;
        _scopes = scopes;
        _clock = clock;
        _stopping = lifetime.ApplicationStopping;
        _logger = logger;
        Bot = new ChannelAccount(id: "bot", name: botOptions.Value.DisplayName, role: RoleTypes.Bot);
    }

    /// <summary>The bot's account in every conversation.</summary>
    public ChannelAccount Bot { get; }

    /// <summary>
    /// Tells the bot, once per conversation, that the bot and the user joined, so it greets the
    /// user. The turn is queued; the welcome arrives by polling.
    /// </summary>
    /// <returns>True when this call started the conversation; false when it had started before.</returns>
    public bool Start(DirectLineConversation conversation, string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (!conversation.TryMarkStarted())
        {
            return false;
        }

        LogStarted(_logger, conversation.Id);
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = _clock.GetUtcNow(),
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount(id: conversation.Id),
            From = conversation.User,
            Recipient = Bot,
            Locale = conversation.Locale,
            MembersAdded = [Bot, conversation.User],
        };
        Track(conversation.EnqueueTurn(() => RunTurnAsync(update)));
        return true;
    }

    /// <summary>
    /// Accepts an activity a client posted: gives it the server's id, timestamp and addressing, logs
    /// it (except an invoke, which is a request to the bot rather than part of the conversation) and
    /// queues the bot's turn. Starts the conversation first if nobody has yet.
    /// </summary>
    /// <returns>The activity's id.</returns>
    public string Post(DirectLineConversation conversation, Activity activity, string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(activity);
        Start(conversation, serviceUrl);

        activity.ChannelId = ChannelId;
        activity.ServiceUrl = null;
        activity.Conversation = new ConversationAccount(id: conversation.Id);
        activity.Recipient = Bot;
        activity.From = Sender(conversation, activity.From);
        activity.Locale ??= conversation.Locale;
        activity.Timestamp = _clock.GetUtcNow();
        // Replies must come back through this channel, not in an HTTP response nobody waits for.
        activity.DeliveryMode = null;
        activity.Id = null;

        // A client that sends the same activity again (same clientActivityID) gets the first one's id, and the bot
        // does not answer it twice.
        var isInvoke = activity.Type == ActivityTypes.Invoke;
        var first = conversation.AcceptOnce(ClientActivityId(activity), () =>
        {
            if (isInvoke)
            {
                // Direct Line JS reads only the id of a POST; an invoke's response has nowhere to go.
                activity.Id = Guid.NewGuid().ToString("N");
                return activity.Id;
            }

            return conversation.Append(activity);
        }, out var id);
        if (!first)
        {
            LogRepeat(_logger, conversation.Id, id);
            return id;
        }

        // Set after the log took its snapshot: the bot may need it, clients do not.
        activity.ServiceUrl = serviceUrl;

        Track(conversation.EnqueueTurn(() => RunTurnAsync(activity)));
        return id;
    }

    private static string? ClientActivityId(Activity activity)
        => (activity.ChannelData as JObject)?["clientActivityID"] is JValue { Type: JTokenType.String } value ? (string?)value : null;

    private static ChannelAccount Sender(DirectLineConversation conversation, ChannelAccount? from)
    {
        if (conversation.UserIsFixed || string.IsNullOrWhiteSpace(from?.Id))
        {
            return new ChannelAccount(conversation.User.Id, from?.Name ?? conversation.User.Name, RoleTypes.User);
        }

        return new ChannelAccount(from.Id, from.Name, RoleTypes.User);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the turns in flight (which see the app stopping and start no new work).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var turns = _inFlight.Keys.ToArray();
        if (turns.Length == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(turns).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogTurnsAbandoned(_logger, _inFlight.Count);
        }
    }

    private void Track(Task turn)
    {
        _inFlight.TryAdd(turn, 0);
        _ = turn.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunTurnAsync(Activity activity)
    {
        if (_stopping.IsCancellationRequested)
        {
            // Shutting down: a turn queued now would run into services being disposed.
            return;
        }

        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var bot = scope.ServiceProvider.GetRequiredService<IBot>();
            await _adapter.ProcessActivityAsync(new ClaimsIdentity(), activity, bot.OnTurnAsync, _stopping);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The app is shutting down; the conversation goes with it.
        }
        catch (Exception ex)
        {
            // Only when the recovery policy itself failed (or the bot could not be created): the
            // queue must go on for the conversation's next turn.
            LogTurnNotRecovered(_logger, ex, activity.Conversation.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId}: activity {ActivityId} was posted again; the repeat is not answered")]
    private static partial void LogRepeat(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} started")]
    private static partial void LogStarted(ILogger logger, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped without waiting for {Count} Direct Line turns still running")]
    private static partial void LogTurnsAbandoned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn in Direct Line conversation {ConversationId} failed and could not be recovered")]
    private static partial void LogTurnNotRecovered(ILogger logger, Exception exception, string conversationId);
}
