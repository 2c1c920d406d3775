using Chatbot.Conversation.Welcome;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Bots;

/// <summary>
/// Answers a message with what the bot covers and questions to start with. This is the whole
/// conversation until the dialog engine and the responder are registered in its place.
/// </summary>
public sealed class GuideMessageHandler : IMessageHandler
{
    private readonly BotOptions _options;

    /// <summary>Creates the handler.</summary>
    public GuideMessageHandler(IOptions<BotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <inheritdoc />
    public Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(WelcomeMessage.Create(_options.DisplayName), cancellationToken);
    }
}
