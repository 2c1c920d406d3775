using Chatbot.Dialogs;
using Microsoft.Bot.Builder;

namespace Chatbot.Conversation.Dialogs;

/// <summary>
/// Starts the conversation over once the user confirms: clears the conversation state (memory of
/// the conversation and its dialog stack). User state, such as the answer level, is kept.
/// </summary>
public sealed class ResetDialog : ComponentDialog
{
    /// <summary>The dialog's id. It is saved on the dialog stack, so it must not change.</summary>
    public const string DialogId = "reset";

    private const string ResetPromptId = "resetConfirm";

    private readonly ConversationState _conversationState;

    /// <summary>Creates the dialog.</summary>
    public ResetDialog(ConversationState conversationState)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _conversationState = conversationState;

        AddDialog(new WaterfallDialog(nameof(WaterfallDialog), [ConfirmResetAsync, ResetAsync]));
        AddDialog(new ConfirmPrompt(ResetPromptId));
        InitialDialogId = nameof(WaterfallDialog);
    }

    private async Task<DialogTurnResult> ConfirmResetAsync(WaterfallStepContext step, CancellationToken cancellationToken)
        => await step.PromptAsync(ResetPromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text("Start over? I'll forget this conversation (your level setting stays)."),
            RetryPrompt = MessageFactory.Text("Please answer yes or no: shall I start over?"),
        }, cancellationToken);

    private async Task<DialogTurnResult> ResetAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Result is true)
        {
            // Nothing to cancel first: the dialogs running this turn (this one, then the route that
            // began it) end as usual, and what is saved at the end of the turn is the cleared state.
            await _conversationState.ClearStateAsync(step.Context, cancellationToken);
            await step.Context.SendActivityAsync("Done: we're starting fresh. What would you like to know?", cancellationToken: cancellationToken);
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }

        await step.Context.SendActivityAsync("OK, I'll keep our conversation as it is.", cancellationToken: cancellationToken);
        return await step.EndDialogAsync(cancellationToken: cancellationToken);
    }
}
