using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Hosting;

/// <summary>
/// The bot's recovery policy for a turn that throws, shared by every adapter that runs the bot:
/// log it, tell the user, send a trace the Emulator shows, and clear the conversation's state once
/// it has failed several turns in a row so a corrupt state cannot trap the user.
/// </summary>
public sealed partial class TurnErrorHandler
{
    private readonly ITurnFailureTracker _failures;
    private readonly ConversationState _conversationState;
    private readonly BotOptions _options;
    private readonly ILogger<TurnErrorHandler> _logger;

    /// <summary>Creates the handler.</summary>
    public TurnErrorHandler(
        ConversationState conversationState,
        ITurnFailureTracker failures,
        IOptions<BotOptions> options,
        ILogger<TurnErrorHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _conversationState = conversationState;
        _failures = failures;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Recovers from a failed turn; set as a <see cref="BotAdapter.OnTurnError"/>.</summary>
    /// <param name="turnContext">The turn that failed.</param>
    /// <param name="exception">What it failed with.</param>
    public async Task HandleAsync(ITurnContext turnContext, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(exception);
        var conversationId = turnContext.Activity.Conversation?.Id;
        LogTurnFailed(_logger, exception, turnContext.Activity.ChannelId, conversationId);

        // Each step is guarded on its own: a failure to recover must not hide the original error
        // from the log, nor keep the user from hearing that something went wrong.
        var reset = false;
        try
        {
            var failures = await _failures.RecordFailureAsync(turnContext);
            if (failures >= _options.ResetConversationAfterFailures)
            {
                await _conversationState.DeleteAsync(turnContext);
                reset = true;
                LogConversationReset(_logger, conversationId, failures);
            }
        }
        catch (Exception stateError) when (stateError is not OperationCanceledException)
        {
            LogRecoveryFailed(_logger, stateError, conversationId);
        }

        try
        {
            var message = reset
                ? "Sorry, something went wrong again, so I've reset our conversation. Please ask your question again."
                : "Sorry, something went wrong on my side. Please try again.";
            await turnContext.SendActivityAsync(MessageFactory.Text(message));

            // Only the Emulator shows trace activities; other channels drop them.
            await turnContext.SendActivityAsync(Activity.CreateTraceActivity(
                "OnTurnError Trace", "https://www.botframework.com/schemas/error", exception.GetType().FullName, "TurnError"));
        }
        catch (Exception sendError) when (sendError is not OperationCanceledException)
        {
            LogRecoveryFailed(_logger, sendError, conversationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed on {ChannelId} in conversation {ConversationId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string channelId, string? conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleared the state of conversation {ConversationId} after {Failures} failed turns in a row")]
    private static partial void LogConversationReset(ILogger logger, string? conversationId, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not recover conversation {ConversationId} after a failed turn")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception, string? conversationId);
}
