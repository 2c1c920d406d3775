using Chatbot.Conversation.Journal;
using Chatbot.Conversation.State;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Dialogs;

/// <summary>
/// Asks for a person to take over the conversation: sends a handoff event carrying the conversation
/// so far to the channel's agent hub, and tells the user what happens next, or, when the channel
/// rejects the event, to contact support directly. Each request is recorded in the <see cref="IConversationJournal"/>
/// with whether the channel took it, so a pilot sees who asked for a person and what they had asked before.
/// </summary>
public sealed partial class HandoffInitiator
{
    private readonly IStatePropertyAccessor<ConversationMemory> _memory;
    private readonly HandoffOptions _options;
    private readonly ILogger<HandoffInitiator> _logger;
    private readonly IConversationJournal? _journal;

    /// <summary>Creates the initiator.</summary>
    /// <param name="conversationState">Holds the conversation so far.</param>
    /// <param name="options">Where the handoff goes and what the user is told.</param>
    /// <param name="logger">Logs a channel that rejects the event, and a journal that fails.</param>
    /// <param name="journal">Where requests for a person are recorded; null records none.</param>
    public HandoffInitiator(ConversationState conversationState, IOptions<HandoffOptions> options, ILogger<HandoffInitiator> logger, IConversationJournal? journal = null)
    {
        _journal = journal;
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Sends the handoff event for the turn's conversation and tells the user how it went.</summary>
    /// <param name="context">The turn.</param>
    /// <param name="cancellationToken">Cancels the handoff.</param>
    public async Task InitiateAsync(ITurnContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        var memory = await _memory.GetAsync(context, () => new ConversationMemory(), cancellationToken);
        var transcript = new Transcript(memory.Turns.Select(t =>
        {
            var activity = MessageFactory.Text(t.Text);
            activity.From = t.Role == "user" ? context.Activity.From : context.Activity.Recipient;
            return activity;
        }).ToList());
        var handoff = EventFactory.CreateHandoffInitiation(context, new { skill = _options.Target }, transcript);
        bool delivered;
        try
        {
            await context.SendActivityAsync(handoff, cancellationToken);
            delivered = true;
        }
        catch (ErrorResponseException ex)
        {
            // The channel has no agent hub to take the event: say so instead of promising a person.
            Log.HandoffRejected(_logger, context.Activity.ChannelId, ex.Response?.StatusCode);
            delivered = false;
        }

        await context.SendActivityAsync(delivered ? _options.Message : _options.UnavailableMessage, cancellationToken: cancellationToken);

        var record = new HandoffRecord
        {
            ChannelId = context.Activity.ChannelId,
            ConversationId = context.Activity.Conversation?.Id ?? string.Empty,
            At = DateTimeOffset.UtcNow,
            LastQuestion = memory.LastQuestion,
            Delivered = delivered,
        };
        await _journal.TryRecordAsync((j, ct) => j.RecordHandoffAsync(record, ct), _logger, "request for a person", cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The {ChannelId} channel rejected the handoff event (HTTP {Status}); the user was told to contact support directly")]
        public static partial void HandoffRejected(ILogger logger, string channelId, System.Net.HttpStatusCode? status);
    }
}
