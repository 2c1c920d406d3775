using System.Text.Json;
using Chatbot.Conversation.Journal;
using Chatbot.Conversation.State;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Chatbot.Conversation.Feedback;

/// <summary>
/// Feedback given with the buttons under an answer (Teams' feedback loop): the <c>message/submitAction</c> invoke with
/// a like or dislike and, when the user wrote one, a comment. It is recorded in the <see cref="IConversationJournal"/>
/// with the answer it rates (found by the id of the message that carried it), and the invoke is answered 200 with an
/// empty body, as Teams expects.
/// </summary>
public sealed partial class MessageFeedbackHandler
{
    /// <summary>The invoke's name.</summary>
    public const string InvokeName = "message/submitAction";

    private readonly IStatePropertyAccessor<ConversationMemory> _memory;
    private readonly IConversationJournal? _journal;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="conversationState">Holds the conversation's memory of the answers it sent.</param>
    /// <param name="journal">Where feedback is recorded; null records none (the invoke is still answered).</param>
    /// <param name="logger">Logs what was recorded.</param>
    public MessageFeedbackHandler(ConversationState conversationState, IConversationJournal? journal = null, ILogger<MessageFeedbackHandler>? logger = null)
    {
        _logger = logger ?? NullLogger<MessageFeedbackHandler>.Instance;
        ArgumentNullException.ThrowIfNull(conversationState);
        _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));
        _journal = journal;
    }

    /// <summary>Handles the invoke when it is feedback; null when it is not (another handler's).</summary>
    /// <returns>The invoke response, or null.</returns>
    public async Task<InvokeResponse?> HandleAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (activity.Name != InvokeName || Parse(activity.Value) is not { } reaction)
        {
            return null;
        }

        var memory = await _memory.GetAsync(turnContext, () => new ConversationMemory(), cancellationToken);
        // Teams names the message, not the answer: an answer no longer remembered cannot be told.
        await SaveAsync(activity, memory.FindSent(activity.ReplyToId), reference: null, reaction.Helpful, reaction.Comment, cancellationToken);
        return new InvokeResponse { Status = 200 };
    }

    /// <summary>
    /// Handles Web Chat's feedback event (<c>webchat:activity-status/feedback</c>), whose entity is the clicked
    /// <c>LikeAction</c> or <c>DislikeAction</c> with the answer's id that the message carried; false when the
    /// activity is not that.
    /// </summary>
    public async Task<bool> HandleEventAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (activity.Name != Rendering.CitationEntity.WebChatFeedbackEvent)
        {
            return false;
        }

        var action = activity.Entities?.Select(e => e.Properties).FirstOrDefault(p => p?["@type"]?.ToString() is "LikeAction" or "DislikeAction");
        if (action is null)
        {
            return false;
        }

        var memory = await _memory.GetAsync(turnContext, () => new ConversationMemory(), cancellationToken);
        var answerId = action["answerId"]?.ToString();
        var sent = answerId is null ? null : memory.RecentAnswers.LastOrDefault(a => a.AnswerId == answerId);
        await SaveAsync(activity, sent, answerId, action["@type"]!.ToString() == "LikeAction", comment: null, cancellationToken);
        return true;
    }

    /// <summary>
    /// Records a judgement of the answer <paramref name="sent"/> (or, when it is no longer remembered, of the answer id
    /// <paramref name="reference"/>, which the journal keeps only if it has that answer); best effort.
    /// </summary>
    private async Task SaveAsync(IActivity activity, SentAnswer? sent, string? reference, bool helpful, string? comment, CancellationToken cancellationToken)
    {
        var answerId = sent?.AnswerId ?? reference;
        if (answerId is null)
        {
            Log.NothingToRate(_logger, activity.ChannelId);
            return;
        }

        Log.Received(_logger, helpful ? "helpful" : "not helpful", activity.ChannelId, sent is null ? "no longer remembered" : "found");
        var record = new FeedbackRecord
        {
            AnswerId = answerId,
            ChannelId = activity.ChannelId,
            ConversationId = activity.Conversation?.Id ?? string.Empty,
            Question = sent?.Question,
            Answer = sent?.Text,
            Backend = sent?.Backend,
            Helpful = helpful,
            Comment = comment,
            At = DateTimeOffset.UtcNow,
        };
        await _journal.TryRecordAsync((j, ct) => j.RecordFeedbackAsync(record, ct), _logger, "feedback", cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Feedback ({Judgement}) from {ChannelId}; the rated answer was {Found}")]
        public static partial void Received(ILogger logger, string judgement, string channelId, string found);

        [LoggerMessage(2, LogLevel.Information, "Feedback from {ChannelId} names no answer; it was not recorded")]
        public static partial void NothingToRate(ILogger logger, string channelId);
    }

    /// <summary>
    /// Reads <c>{ actionName: "feedback", actionValue: { reaction: "like" | "dislike", feedback: "{\"feedbackText\":\"…\"}" } }</c>;
    /// null when the value is not that.
    /// </summary>
    public static (bool Helpful, string? Comment)? Parse(object? value)
    {
        JObject? root;
        try
        {
            // Anything a client sends may arrive here: a value that is no object is not feedback, not a failed turn.
            root = value switch
            {
                JObject o => o,
                JToken => null,
                string s when s.TrimStart().StartsWith('{') => JObject.Parse(s),
                string or null => null,
                _ => JToken.FromObject(value) as JObject,
            };
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            root = null;
        }

        if (root?["actionName"]?.ToString() != "feedback" || root["actionValue"] is not JObject action)
        {
            return null;
        }

        var reaction = action["reaction"]?.ToString();
        if (reaction is not ("like" or "dislike"))
        {
            return null;
        }

        return (reaction == "like", Comment(action["feedback"]));
    }

    /// <summary>The comment: Teams sends it as a JSON string holding <c>feedbackText</c>; a plain string is taken as it is.</summary>
    private static string? Comment(JToken? feedback)
    {
        var raw = feedback?.Type == JTokenType.Object ? feedback["feedbackText"]?.ToString() : feedback?.ToString();
        if (raw is { Length: > 0 } && raw.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(raw);
                raw = document.RootElement.TryGetProperty("feedbackText", out var text) ? text.GetString() : null;
            }
            catch (JsonException)
            {
                // Not the JSON Teams sends: keep the text as written.
            }
        }

        return string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
    }
}
