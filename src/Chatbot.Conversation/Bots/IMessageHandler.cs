using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Bots;

/// <summary>Handles a message turn: where the bot hands a user's message to the conversation engine.</summary>
public interface IMessageHandler
{
    /// <summary>Replies to the message in <paramref name="turnContext"/>.</summary>
    Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default);
}
