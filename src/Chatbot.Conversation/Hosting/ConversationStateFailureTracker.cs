using Microsoft.Bot.Builder;

namespace Chatbot.Conversation.Hosting;

/// <summary>
/// Keeps the failure count inside the conversation's own state, so it costs no extra storage
/// round trip and disappears with the conversation.
/// </summary>
public sealed class ConversationStateFailureTracker : ITurnFailureTracker
{
    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<int> _failures;

    /// <summary>Creates the tracker over the conversation state.</summary>
    public ConversationStateFailureTracker(ConversationState conversationState)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _conversationState = conversationState;
        _failures = conversationState.CreateProperty<int>("ConsecutiveTurnFailures");
    }

    /// <inheritdoc />
    public async Task<int> RecordFailureAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // Reload from storage: whatever the failed turn changed in memory must not be saved.
        await _conversationState.LoadAsync(turnContext, force: true, cancellationToken);
        var failures = await _failures.GetAsync(turnContext, () => 0, cancellationToken) + 1;
        await _failures.SetAsync(turnContext, failures, cancellationToken);
        await _conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        return failures;
    }

    /// <inheritdoc />
    public async Task ResetAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (await _failures.GetAsync(turnContext, () => 0, cancellationToken) != 0)
        {
            await _failures.DeleteAsync(turnContext, cancellationToken);
        }
    }
}
