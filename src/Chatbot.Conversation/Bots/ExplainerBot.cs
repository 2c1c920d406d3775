using Chatbot.Conversation.Teams;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Hosting;
using Chatbot.Conversation.Welcome;
using Chatbot.Knowledge.Diagnostics;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Bots;

/// <summary>
/// The bot's turn handler: welcomes new members, hands messages to the conversation engine and
/// saves conversation and user state after every turn (whether or not the turn changed them).
/// </summary>
public sealed partial class ExplainerBot : ActivityHandler
{
    private readonly ConversationState _conversationState;
    private readonly UserState _userState;
    private readonly ITurnFailureTracker _failures;
    private readonly IMessageHandler _messages;
    private readonly MessageFeedbackHandler _feedback;
    private readonly BotOptions _options;
    private readonly ILogger<ExplainerBot> _logger;
    private readonly BotIntroduction? _introduction;

    /// <summary>Creates the bot.</summary>
    public ExplainerBot(
        ConversationState conversationState,
        UserState userState,
        ITurnFailureTracker failures,
        IMessageHandler messages,
        MessageFeedbackHandler feedback,
        IOptions<BotOptions> options,
        ILogger<ExplainerBot> logger,
        BotIntroduction? introduction = null)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(userState);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _conversationState = conversationState;
        _userState = userState;
        _failures = failures;
        _messages = messages;
        _feedback = feedback;
        _options = options.Value;
        _logger = logger;
        _introduction = introduction;
    }

    /// <inheritdoc />
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        using var activity = ChatbotTelemetry.Source.StartActivity("turn");
        activity?.SetTag("chatbot.channel", turnContext.Activity.ChannelId);
        activity?.SetTag("chatbot.activity_type", turnContext.Activity.Type);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        TeamsConversation.ShowActionsAsCards(turnContext);
        await base.OnTurnAsync(turnContext, cancellationToken);
        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            ChatbotTelemetry.TurnDuration.Record(
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("chatbot.channel", turnContext.Activity.ChannelId));
        }

        // Reached only when the turn did not throw: the conversation is healthy again.
        await _failures.ResetAsync(turnContext, cancellationToken);
        await _conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        await _userState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task OnMembersAddedAsync(
        IList<ChannelAccount> membersAdded,
        ITurnContext<IConversationUpdateActivity> turnContext,
        CancellationToken cancellationToken)
    {
        foreach (var member in membersAdded)
        {
            // The bot is itself a member of the conversation; greet only the people.
            if (member.Id == turnContext.Activity.Recipient?.Id)
            {
                continue;
            }

            LogWelcome(_logger, turnContext.Activity.ChannelId, turnContext.Activity.Conversation?.Id);
            await turnContext.SendActivityAsync(_introduction?.Welcome() ?? WelcomeMessage.Create(_options.DisplayName), cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        // In a Teams group chat or channel, only messages that @mention the bot are for it.
        return TeamsConversation.AddressesBot(turnContext.Activity) ? _messages.HandleAsync(turnContext, cancellationToken) : Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        if (!await _feedback.HandleEventAsync(turnContext, cancellationToken))
        {
            await base.OnEventActivityAsync(turnContext, cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
        => await _feedback.HandleAsync(turnContext, cancellationToken) ?? await base.OnInvokeActivityAsync(turnContext, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcoming a new member on {ChannelId} in conversation {ConversationId}")]
    private static partial void LogWelcome(ILogger logger, string channelId, string? conversationId);
}
