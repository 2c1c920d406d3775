using Microsoft.Bot.Builder;

namespace Chatbot.Conversation.Hosting;

/// <summary>Counts consecutive failed turns per conversation, so state that keeps failing can be cleared.</summary>
public interface ITurnFailureTracker
{
    /// <summary>Records a failed turn and returns how many turns in a row have now failed.</summary>
    Task<int> RecordFailureAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);

    /// <summary>Marks the conversation healthy after a turn that succeeded.</summary>
    Task ResetAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
