using Chatbot.AI.Responding;
using Chatbot.Conversation.Rendering;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Bots;

/// <summary>
/// Answers every message as a question: a typing indicator, then one answer from the responder with
/// its citations and flags. Intent routing and dialogs take this place once they exist.
/// </summary>
public sealed class AnswerMessageHandler : IMessageHandler
{
    private readonly Responder _responder;

    /// <summary>Creates the handler.</summary>
    public AnswerMessageHandler(Responder responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        _responder = responder;
    }

    /// <inheritdoc />
    public async Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var question = turnContext.Activity.Text?.Trim();
        if (string.IsNullOrEmpty(question))
        {
            await turnContext.SendActivityAsync("Send me a question about generative AI as text and I'll answer it with sources.", cancellationToken: cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        var answer = await _responder.AnswerAsync(new ResponderRequest(question), cancellationToken);
        await turnContext.SendActivityAsync(AnswerRenderer.Render(answer), cancellationToken);
    }
}
