using Chatbot.Storage.State;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;

namespace Chatbot.Storage.Turns;

/// <summary>
/// Runs the bot's turns of one conversation one at a time (<see cref="IConversationLock"/>), whatever adapter
/// delivers them, so no turn saves state over a change it did not see. A turn whose state write is refused
/// as stale (<see cref="StateConflictException"/>) before it has replied is run again on fresh state; one that
/// has already replied fails to the adapter's error handler, which apologizes, instead of losing the other write.
/// </summary>
public sealed partial class SerializedTurnBot : IBot
{
    /// <summary>How many times a turn runs at most when its state write keeps conflicting.</summary>
    public const int MaxAttempts = 3;

    private readonly IBot _inner;
    private readonly IConversationLock _conversationLock;
    private readonly BotState[] _states;
    private readonly ILogger<SerializedTurnBot> _logger;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="states"/> are reloaded before a turn runs again.</summary>
    public SerializedTurnBot(IBot inner, IConversationLock conversationLock, IEnumerable<BotState> states, ILogger<SerializedTurnBot> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(conversationLock);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(logger);
        _inner = inner;
        _conversationLock = conversationLock;
        _states = [.. states];
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            await _inner.OnTurnAsync(turnContext, cancellationToken);
            return;
        }

        // The key ConversationState stores the conversation under.
        var key = $"{activity.ChannelId}/conversations/{activity.Conversation.Id}";
        await using var held = await _conversationLock.AcquireAsync(key, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _inner.OnTurnAsync(turnContext, cancellationToken);
                return;
            }
            catch (StateConflictException ex) when (attempt < MaxAttempts && !turnContext.Responded)
            {
                LogRetry(_logger, ex, activity.Conversation.Id, attempt);
                foreach (var state in _states)
                {
                    // Only states the turn loaded; reloading replaces what it changed with what is stored now.
                    if (state.Get(turnContext) is not null)
                    {
                        await state.LoadAsync(turnContext, force: true, cancellationToken);
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "State of conversation {ConversationId} changed under turn attempt {Attempt}; running the turn again on fresh state")]
    private static partial void LogRetry(ILogger logger, Exception exception, string conversationId, int attempt);
}
