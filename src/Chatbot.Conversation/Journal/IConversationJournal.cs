using Chatbot.Conversation.Feedback;

namespace Chatbot.Conversation.Journal;

/// <summary>
/// What a pilot reviews later: every answer given (with its grounding flags), the feedback on it and
/// every request for a person. Kept apart from conversation state, which only holds what the next turn
/// needs, so that a report can count across conversations and days.
/// </summary>
/// <remarks>
/// Recording is best effort from the bot's side: a failure is logged by the caller and never costs the
/// user an answer.
/// </remarks>
public interface IConversationJournal
{
    /// <summary>Records an answer as it was sent.</summary>
    Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default);

    /// <summary>Records (or replaces) a user's judgement of an answer.</summary>
    Task RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default);

    /// <summary>Records a request to talk to a person.</summary>
    Task RecordHandoffAsync(HandoffRecord handoff, CancellationToken cancellationToken = default);
}
