using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Logging;

namespace Chatbot.Conversation.Hosting;

/// <summary>
/// The Bot Framework adapter with the bot's recovery policy (<see cref="TurnErrorHandler"/>): when a
/// turn throws, log it, tell the user, and clear the conversation's state once it keeps failing.
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    /// <summary>Creates the adapter.</summary>
    public AdapterWithErrorHandler(
        BotFrameworkAuthentication auth,
        TurnErrorHandler turnErrors,
        ILogger<AdapterWithErrorHandler> logger)
        : base(auth, logger)
    {
        ArgumentNullException.ThrowIfNull(turnErrors);
        OnTurnError = turnErrors.HandleAsync;
    }
}
