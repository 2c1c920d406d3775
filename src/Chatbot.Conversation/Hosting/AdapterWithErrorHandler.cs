using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Logging;

namespace Chatbot.Conversation.Hosting;

/// <summary>
/// The Bot Framework adapter with the bot's recovery policy (<see cref="TurnErrorHandler"/>): when a
/// turn throws, log it, tell the user, and clear the conversation's state once it keeps failing. When a
/// transcript store is given, every activity in and out is logged to it (<see cref="TranscriptLoggerMiddleware"/>).
/// Middleware registered as <see cref="IMiddleware"/> runs first, before the transcript sees the activity (the
/// storage adds the one that lets a redelivered activity through only once).
/// </summary>
public sealed class AdapterWithErrorHandler : CloudAdapter
{
    /// <summary>Creates the adapter.</summary>
    /// <param name="auth">Authenticates requests and the bot's replies.</param>
    /// <param name="turnErrors">What happens when a turn throws.</param>
    /// <param name="logger">The adapter's log.</param>
    /// <param name="transcripts">Where transcripts go; null keeps none.</param>
    /// <param name="middleware">Runs before everything else, in order.</param>
    public AdapterWithErrorHandler(
        BotFrameworkAuthentication auth,
        TurnErrorHandler turnErrors,
        ILogger<AdapterWithErrorHandler> logger,
        ITranscriptStore? transcripts = null,
        IEnumerable<IMiddleware>? middleware = null)
        : base(auth, logger)
    {
        ArgumentNullException.ThrowIfNull(turnErrors);
        OnTurnError = turnErrors.HandleAsync;
        foreach (var first in middleware ?? [])
        {
            Use(first);
        }

        if (transcripts is not null)
        {
            Use(new TranscriptLoggerMiddleware(transcripts));
        }
    }
}
