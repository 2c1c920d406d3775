using Chatbot.Conversation.Dialogs;
using Chatbot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Bots;

/// <summary>Runs the main dialog for each message; its stack lives in conversation state, so it survives restarts.</summary>
public sealed class DialogMessageHandler : IMessageHandler
{
    private readonly MainDialog _dialog;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;

    /// <summary>Creates the handler.</summary>
    public DialogMessageHandler(MainDialog dialog, ConversationState conversationState)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(conversationState);
        _dialog = dialog;
        _dialogState = conversationState.CreateProperty<DialogState>(nameof(DialogState));
    }

    /// <inheritdoc />
    public async Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await _dialog.RunAsync(turnContext, _dialogState, cancellationToken);
    }
}
