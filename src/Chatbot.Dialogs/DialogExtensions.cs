using Microsoft.Bot.Builder;

namespace Chatbot.Dialogs;

/// <summary>
/// Runs a root dialog from a bot's turn handler.
/// </summary>
public static class DialogExtensions
{
    /// <summary>
    /// Continues the conversation's active dialog, or begins <paramref name="dialog"/> when none is active.
    /// The caller saves the state afterwards (for example <c>ConversationState.SaveChangesAsync</c>).
    /// </summary>
    /// <param name="dialog">The root dialog.</param>
    /// <param name="turnContext">The turn.</param>
    /// <param name="accessor">The state property that holds the dialog stack.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The turn's result, so the caller can tell whether the dialog is waiting, completed or was cancelled.</returns>
    public static async Task<DialogTurnResult> RunAsync(
        this Dialog dialog,
        ITurnContext turnContext,
        IStatePropertyAccessor<DialogState> accessor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(accessor);

        var dialogSet = new DialogSet(accessor).Add(dialog);
        var dc = await dialogSet.CreateContextAsync(turnContext, cancellationToken);
        var result = await dc.ContinueDialogAsync(cancellationToken);
        if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(dialog.Id, null, cancellationToken);
        }

        return result;
    }
}
