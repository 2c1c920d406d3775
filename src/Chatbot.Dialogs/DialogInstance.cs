namespace Chatbot.Dialogs;

/// <summary>
/// One entry of the dialog stack: which dialog is running and the state it persists between turns.
/// </summary>
/// <remarks>
/// Everything in <see cref="State"/> is written to <c>IStorage</c> as JSON. Storages that keep no type
/// names hand back <c>JObject</c>s and <see cref="long"/>s; the dialogs in this library convert them back.
/// </remarks>
public sealed class DialogInstance
{
    /// <summary>Gets or sets the id of the dialog this instance runs.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the dialog's persisted state.</summary>
    public IDictionary<string, object> State { get; set; } = new Dictionary<string, object>();
}
