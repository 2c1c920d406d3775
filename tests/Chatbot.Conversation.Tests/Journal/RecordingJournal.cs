using System.Collections.Concurrent;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Journal;

namespace Chatbot.Conversation.Tests.Journal;

/// <summary>An <see cref="IConversationJournal"/> that keeps what it is given, or fails every call when <see cref="Fail"/> is set.</summary>
internal sealed class RecordingJournal : IConversationJournal
{
    public ConcurrentQueue<AnswerRecord> Answers { get; } = new();

    public ConcurrentQueue<FeedbackRecord> Feedback { get; } = new();

    public ConcurrentQueue<HandoffRecord> Handoffs { get; } = new();

    /// <summary>When true, every call throws as a journal whose database is down would.</summary>
    public bool Fail { get; set; }

    public Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default) => Keep(Answers, answer);

    public Task RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default) => Keep(Feedback, feedback);

    public Task RecordHandoffAsync(HandoffRecord handoff, CancellationToken cancellationToken = default) => Keep(Handoffs, handoff);

    private Task Keep<T>(ConcurrentQueue<T> records, T record)
    {
        if (Fail)
        {
            return Task.FromException(new InvalidOperationException("The journal's database is unavailable."));
        }

        records.Enqueue(record);
        return Task.CompletedTask;
    }
}
