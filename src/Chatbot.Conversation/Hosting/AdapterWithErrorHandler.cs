using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Logging;

namespace Chatbot.Conversation.Hosting;

/// <summary>
/// The Bot Framework adapter with the bot's recovery policy (<see cref="TurnErrorHandler"/>): when a
/// turn throws, log it, tell the user, and clear the conversation's state once it keeps failing. When a
/// transcript store is given, every activity in and out is logged to it (<see cref="TranscriptLoggerMiddleware"/>).
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    /// <summary>Creates the adapter.</summary>
    /// <param name="auth">Authenticates requests and the bot's replies.</param>
    /// <param name="turnErrors">What happens when a turn throws.</param>
    /// <param name="logger">The adapter's log.</param>
    /// <param name="transcripts">Where transcripts go; null keeps none.</param>
    public AdapterWithErrorHandler(
        BotFrameworkAuthentication auth,
        TurnErrorHandler turnErrors,
        ILogger<AdapterWithErrorHandler> logger,
        ITranscriptStore? transcripts = null)
        : base(auth, logger)
    {
        ArgumentNullException.ThrowIfNull(turnErrors);
        OnTurnError = turnErrors.HandleAsync;
        if (transcripts is not null)
        {
            Use(new TranscriptLoggerMiddleware(transcripts));
        }
    }
}
