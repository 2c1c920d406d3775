namespace Chatbot.Dialogs;

/// <summary>
/// Why a dialog is being resumed or ended.
/// </summary>
public enum DialogReason
{
    /// <summary>The dialog was started by <see cref="DialogContext.BeginDialogAsync"/>.</summary>
    BeginCalled,

    /// <summary>The dialog is continued by <see cref="DialogContext.ContinueDialogAsync"/>.</summary>
    ContinueCalled,

    /// <summary>The dialog ended normally through <see cref="DialogContext.EndDialogAsync"/>.</summary>
    EndCalled,

    /// <summary>The dialog is being replaced through <see cref="DialogContext.ReplaceDialogAsync"/>.</summary>
    ReplaceCalled,

    /// <summary>The dialog was cancelled through <see cref="DialogContext.CancelAllDialogsAsync"/>.</summary>
    CancelCalled,

    /// <summary>A waterfall step skipped to the next one through <see cref="WaterfallStepContext.NextAsync"/>.</summary>
    NextCalled,
}
