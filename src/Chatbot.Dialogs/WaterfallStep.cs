namespace Chatbot.Dialogs;

/// <summary>
/// One step of a <see cref="WaterfallDialog"/>.
/// </summary>
/// <param name="stepContext">The step's context: the previous step's result, shared values and the dialog's options.</param>
/// <param name="cancellationToken">A token to cancel the operation.</param>
/// <returns><see cref="Dialog.EndOfTurn"/> after prompting, or the result of starting, skipping or ending.</returns>
public delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext stepContext, CancellationToken cancellationToken);
