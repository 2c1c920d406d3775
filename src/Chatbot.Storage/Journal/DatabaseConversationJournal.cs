using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Journal;
using Chatbot.Storage.Entities;
using Chatbot.Storage.Redaction;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Storage.Journal;

/// <summary>
/// The <see cref="IConversationJournal"/> in the bot's database: one <c>answers</c> row per answer sent, which its
/// feedback updates, with a <c>withheld_sentences</c> row per sentence the Repair policy kept from the user, and one
/// <c>handoffs</c> row per request for a person. Questions, comments and withheld sentences are redacted as transcripts are.
/// </summary>
/// <remarks>
/// Feedback on an answer that has no row (sent before the journal existed, or its recording failed) is kept on a
/// minimal row when the conversation still remembers the answer (the record carries its question), so the user's
/// judgement is not lost; such a row has no sentence counts. Feedback naming an answer the bot cannot vouch for (an
/// id only a client sent, or one from another conversation) is logged and dropped, so a client cannot add answers
/// to the report.
/// </remarks>
public sealed partial class DatabaseConversationJournal : IConversationJournal
{
    private readonly ChatbotDatabase _database;
    private readonly PersonalDataRedactor _redactor;
    private readonly ILogger _logger;

    /// <summary>Creates the journal.</summary>
    public DatabaseConversationJournal(ChatbotDatabase database, PersonalDataRedactor redactor, ILogger<DatabaseConversationJournal>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(redactor);
        _database = database;
        _redactor = redactor;
        _logger = logger ?? NullLogger<DatabaseConversationJournal>.Instance;
    }

    /// <inheritdoc />
    public async Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        await using var context = _database.CreateContext();
        context.Answers.Add(new AnswerEntry
        {
            AnswerId = answer.AnswerId,
            ChannelId = answer.ChannelId,
            ConversationId = answer.ConversationId,
            At = answer.At.UtcDateTime,
            Question = _redactor.Redact(answer.Question) ?? string.Empty,
            Covered = answer.Covered,
            Backend = answer.Backend,
            Sources = string.Join('\n', answer.Sources.Select(s => s.ReplaceLineEndings(" "))),
            Sentences = answer.Sentences,
            Flagged = answer.Flagged,
            FlagKinds = string.Join(',', answer.FlagKinds.Distinct(StringComparer.Ordinal)),
            CuratedQuestion = answer.CuratedQuestion,
            Repaired = answer.Repaired,
            FellBack = answer.FellBack,
            Withheld = answer.Withheld.Count,

            // A withheld sentence can repeat what the user wrote (a name, an address in the question): redacted likewise.
            WithheldSentences = [.. answer.Withheld.Select((w, i) => new WithheldSentenceEntry
            {
                AnswerId = answer.AnswerId,
                At = answer.At.UtcDateTime,
                Position = i,
                Text = _redactor.Redact(w.Text) ?? string.Empty,
                Verdict = w.Verdict.ToString(),
                Reason = _redactor.Redact(w.Reason),
            })],
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentException.ThrowIfNullOrEmpty(feedback.AnswerId);
        var comment = _redactor.Redact(feedback.Comment);
        var at = feedback.At.UtcDateTime;

        await using var context = _database.CreateContext();
        var updated = await context.Answers
            .Where(a => a.AnswerId == feedback.AnswerId && a.ChannelId == feedback.ChannelId && a.ConversationId == feedback.ConversationId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Helpful, feedback.Helpful)
                    .SetProperty(a => a.FeedbackComment, comment)
                    .SetProperty(a => a.FeedbackAt, at),
                cancellationToken);
        if (updated > 0)
        {
            return;
        }

        if (feedback.Question is null)
        {
            Log.UnknownAnswer(_logger, feedback.ChannelId);
            return;
        }

        context.Answers.Add(new AnswerEntry
        {
            AnswerId = feedback.AnswerId,
            ChannelId = feedback.ChannelId,
            ConversationId = feedback.ConversationId,
            At = at,
            Question = _redactor.Redact(feedback.Question) ?? string.Empty,
            Backend = feedback.Backend,
            Covered = true,
            Helpful = feedback.Helpful,
            FeedbackComment = comment,
            FeedbackAt = at,
        });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            Log.KeptOnMinimalRow(_logger, feedback.ChannelId);
        }
        catch (DbUpdateException)
        {
            // The id is taken by an answer of another conversation: not this user's to rate.
            Log.UnknownAnswer(_logger, feedback.ChannelId);
        }
    }

    /// <inheritdoc />
    public async Task RecordHandoffAsync(HandoffRecord handoff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        await using var context = _database.CreateContext();
        context.Handoffs.Add(new HandoffEntry
        {
            ChannelId = handoff.ChannelId,
            ConversationId = handoff.ConversationId,
            At = handoff.At.UtcDateTime,
            LastQuestion = _redactor.Redact(handoff.LastQuestion),
            Delivered = handoff.Delivered,
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Feedback from {ChannelId} names an answer that is neither in the journal nor remembered by its conversation; it was not kept")]
        public static partial void UnknownAnswer(ILogger logger, string channelId);

        [LoggerMessage(2, LogLevel.Information, "Feedback from {ChannelId} rates an answer the journal did not have; it was kept on a row with what the conversation remembered")]
        public static partial void KeptOnMinimalRow(ILogger logger, string channelId);
    }
}
