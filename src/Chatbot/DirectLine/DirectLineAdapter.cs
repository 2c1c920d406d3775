using System.Security.Claims;
using System.Security.Principal;
using Chatbot.Conversation.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.DirectLine;

/// <summary>
/// Runs the bot in process for the local Direct Line channel: what the bot sends, updates or
/// deletes goes to the conversation's log in <see cref="DirectLineConversationStore"/>, where
/// polling clients read it. A turn that throws is recovered by the same
/// <see cref="TurnErrorHandler"/> as on <c>/api/messages</c>, and transcripts are logged as there when a
/// transcript store is registered.
/// </summary>
public sealed partial class DirectLineAdapter : BotAdapter
{
    private readonly DirectLineConversationStore _conversations;
    private readonly ILogger<DirectLineAdapter> _logger;

    /// <summary>Creates the adapter.</summary>
    /// <param name="conversations">The conversations' logs.</param>
    /// <param name="turnErrors">What happens when a turn throws.</param>
    /// <param name="logger">The adapter's log.</param>
    /// <param name="transcripts">Where transcripts go; null keeps none.</param>
    public DirectLineAdapter(DirectLineConversationStore conversations, TurnErrorHandler turnErrors, ILogger<DirectLineAdapter> logger, ITranscriptStore? transcripts = null)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(turnErrors);
        ArgumentNullException.ThrowIfNull(logger);
        _conversations = conversations;
        _logger = logger;
        OnTurnError = turnErrors.HandleAsync;
        if (transcripts is not null)
        {
            Use(new TranscriptLoggerMiddleware(transcripts));
        }
    }

    /// <summary>Runs one turn of the bot for <paramref name="activity"/>.</summary>
    /// <returns>The bot's invoke response for an invoke activity; null otherwise.</returns>
    public override async Task<InvokeResponse?> ProcessActivityAsync(ClaimsIdentity claimsIdentity, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimsIdentity);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);

        using var context = new TurnContext(this, activity);
        context.TurnState.Add<IIdentity>(BotIdentityKey, claimsIdentity);
        await RunPipelineAsync(context, callback, cancellationToken);

        if (activity.Type != ActivityTypes.Invoke)
        {
            return null;
        }

        return context.TurnState.Get<Activity>(InvokeResponseKey)?.Value as InvokeResponse
            ?? new InvokeResponse { Status = StatusCodes.Status501NotImplemented };
    }

    /// <inheritdoc />
    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);

        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            var id = string.Empty;
            if (activity.Type == ActivityTypesEx.Delay)
            {
                await Task.Delay(Convert.ToInt32(activity.Value, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            }
            else if (activity.Type == ActivityTypesEx.InvokeResponse)
            {
                turnContext.TurnState.Set(InvokeResponseKey, activity);
            }
            else if (activity.Type != ActivityTypes.Trace)
            {
                // Traces are for the Emulator; the real Direct Line service drops them too.
                id = Log(activity)?.Append(Outgoing(activity)) ?? string.Empty;
            }

            responses[i] = new ResourceResponse(id);
        }

        return responses;
    }

    /// <inheritdoc />
    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(activity.Id);
        Log(activity)?.Replace(Outgoing(activity));
        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    /// <inheritdoc />
    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentException.ThrowIfNullOrEmpty(reference.ActivityId);
        var conversationId = reference.Conversation?.Id;
        if (conversationId is not null)
        {
            Log(conversationId)?.Remove(reference.ActivityId, reference.Bot);
        }

        return Task.CompletedTask;
    }

    private DirectLineConversation? Log(Activity activity) => Log(activity.Conversation?.Id);

    private DirectLineConversation? Log(string? conversationId)
    {
        var conversation = conversationId is null ? null : _conversations.Peek(conversationId);
        if (conversation is null)
        {
            // Forgotten while the bot was still answering: nobody is left to read the reply.
            LogConversationGone(_logger, conversationId);
        }

        return conversation;
    }

    private static Activity Outgoing(Activity activity)
    {
        // The turn context has filled from (the bot), recipient, conversation and replyToId.
        activity.ChannelId = DirectLineChannel.ChannelId;
        activity.ServiceUrl = null;
        activity.From ??= new ChannelAccount(role: RoleTypes.Bot);
        activity.From.Role ??= RoleTypes.Bot;
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the bot's activity for Direct Line conversation {ConversationId}, which is no longer kept")]
    private static partial void LogConversationGone(ILogger logger, string? conversationId);
}
