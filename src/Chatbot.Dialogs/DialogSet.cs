using Microsoft.Bot.Builder;

namespace Chatbot.Dialogs;

/// <summary>
/// A collection of dialogs that can call each other, and the state property their stack is kept in.
/// </summary>
public sealed class DialogSet
{
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    /// <summary>
    /// Initializes a new instance of the <see cref="DialogSet"/> class whose stack is kept in a state property.
    /// </summary>
    /// <param name="dialogState">The property, usually created on <see cref="ConversationState"/>.</param>
    public DialogSet(IStatePropertyAccessor<DialogState> dialogState)
    {
        ArgumentNullException.ThrowIfNull(dialogState);
        _dialogState = dialogState;
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="DialogSet"/> class with no state property,
    /// as used inside a <see cref="ComponentDialog"/>; <see cref="CreateContextAsync"/> is not available.
    /// </summary>
    public DialogSet()
    {
    }

    /// <summary>
    /// Adds a dialog to the set.
    /// </summary>
    /// <param name="dialog">The dialog to add.</param>
    /// <returns>This set, for chaining.</returns>
    /// <exception cref="ArgumentException">Another dialog with the same id is already in the set.</exception>
    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (_dialogs.TryGetValue(dialog.Id, out var existing))
        {
            if (ReferenceEquals(existing, dialog))
            {
                return this;
            }

            throw new ArgumentException($"A different dialog with the id '{dialog.Id}' is already in the set.", nameof(dialog));
        }

        _dialogs.Add(dialog.Id, dialog);
        return this;
    }

    /// <summary>
    /// Finds a dialog of this set by id.
    /// </summary>
    /// <param name="dialogId">The dialog's id.</param>
    /// <returns>The dialog, or <see langword="null"/> when the set has none with that id.</returns>
    public Dialog? Find(string dialogId)
    {
        ArgumentNullException.ThrowIfNull(dialogId);
        return _dialogs.GetValueOrDefault(dialogId);
    }

    /// <summary>
    /// Gets the dialogs of this set.
    /// </summary>
    /// <returns>The dialogs, in no particular order.</returns>
    public IEnumerable<Dialog> GetDialogs() => _dialogs.Values;

    /// <summary>
    /// Loads the conversation's dialog stack and returns a context to run dialogs on it.
    /// </summary>
    /// <param name="turnContext">The turn.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A dialog context over the loaded stack.</returns>
    /// <exception cref="InvalidOperationException">The set was created without a state property.</exception>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_dialogState is null)
        {
            throw new InvalidOperationException(
                "DialogSet.CreateContextAsync() needs the DialogSet to be created with an IStatePropertyAccessor<DialogState>.");
        }

        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);

        // A storage without type names may hand the property back converted from JSON on each read;
        // setting it pins the instance we mutate as the one saved at the end of the turn.
        await _dialogState.SetAsync(turnContext, state, cancellationToken);
        return new DialogContext(this, turnContext, state);
    }
}
