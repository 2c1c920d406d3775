using Microsoft.Extensions.Logging;

namespace Chatbot.Conversation.Journal;

/// <summary>
/// How the bot writes to its <see cref="IConversationJournal"/>: best effort. A journal that fails (a database down,
/// a full disk) is logged at Warning and never costs the user an answer; no journal at all records nothing.
/// </summary>
public static partial class JournalRecording
{
    /// <summary>Runs <paramref name="record"/> on <paramref name="journal"/>, if there is one, logging a failure as about <paramref name="what"/>.</summary>
    public static async Task TryRecordAsync(
        this IConversationJournal? journal,
        Func<IConversationJournal, CancellationToken, Task> record,
        ILogger logger,
        string what,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(logger);
        if (journal is null)
        {
            return;
        }

        try
        {
            await record(journal, cancellationToken);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Log.NotRecorded(logger, what, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The conversation journal could not record the {What}; the conversation goes on without it")]
        public static partial void NotRecorded(ILogger logger, string what, Exception exception);
    }
}
