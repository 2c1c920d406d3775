using Chatbot.Conversation.Bots;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Tests.Protection;

/// <summary>
/// Answers every message with how many messages its conversation has handled ("count N", kept in conversation
/// state, so it stands for the dialog advancing) and counts its calls across the process.
/// </summary>
internal sealed class TurnCountingHandler(ConversationState conversationState, TurnCountingHandler.Calls calls, TimeSpan delay = default) : IMessageHandler
{
    private readonly IStatePropertyAccessor<int> _count = conversationState.CreateProperty<int>("EdgeCount");

    public async Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
    {
        calls.Increment();
        var count = await _count.GetAsync(turnContext, () => 0, cancellationToken) + 1;
        if (delay > TimeSpan.Zero)
        {
            // Long enough for a repeated delivery to arrive while the first is still being answered.
            await Task.Delay(delay, cancellationToken);
        }

        await _count.SetAsync(turnContext, count, cancellationToken);
        await turnContext.SendActivityAsync($"count {count}", cancellationToken: cancellationToken);
    }

    /// <summary>How many times the bot handled a message, shared by every instance of the app in a test.</summary>
    public sealed class Calls
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
