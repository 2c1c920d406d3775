using System.Globalization;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Journal;
using Chatbot.Conversation.State;
using Chatbot.Dialogs;
using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Conversation.Dialogs;

/// <summary>
/// Takes the user's feedback on the last answer: helpful or not (asked unless the caller passes the
/// <see cref="FeedbackSentiment"/> the message already showed, as a string option), then an optional
/// comment, and records both in the <see cref="IConversationJournal"/> with the answer they are about.
/// </summary>
public sealed class FeedbackDialog : ComponentDialog
{
    /// <summary>The dialog's id. It is saved on the dialog stack, so it must not change.</summary>
    public const string DialogId = "feedback";

    private const string HelpfulPromptId = "helpful";
    private const string CommentPromptId = "comment";
    private const string HelpfulKey = "helpful";

    private readonly IStatePropertyAccessor<ConversationMemory> _memory;
    private readonly IConversationJournal? _journal;
    private readonly ILogger _logger;

    /// <summary>Creates the dialog.</summary>
    /// <param name="conversationState">Holds the conversation's memory of its last answer.</param>
    /// <param name="journal">Where feedback is recorded; null records none.</param>
    /// <param name="logger">Logs a journal that fails.</param>
    public FeedbackDialog(ConversationState conversationState, IConversationJournal? journal = null, ILogger<FeedbackDialog>? logger = null)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));
        _journal = journal;
        _logger = logger ?? NullLogger<FeedbackDialog>.Instance;

        AddDialog(new WaterfallDialog(nameof(WaterfallDialog), [AskHelpfulAsync, AskCommentAsync, SaveFeedbackAsync]));
        AddDialog(new ChoicePrompt(HelpfulPromptId));
        AddDialog(new TextPrompt(CommentPromptId));
        InitialDialogId = nameof(WaterfallDialog);
    }

    private async Task<DialogTurnResult> AskHelpfulAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var memory = await _memory.GetAsync(step.Context, () => new ConversationMemory(), cancellationToken);
        if (memory.LastAnswerId is null)
        {
            await step.Context.SendActivityAsync("Thanks! There's no answer of mine to rate yet; ask me something first.", cancellationToken: cancellationToken);
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }

        if (step.Options is string sentiment && Enum.TryParse<FeedbackSentiment>(sentiment, out var known))
        {
            return await step.NextAsync(known == FeedbackSentiment.Positive, cancellationToken);
        }

        return await step.PromptAsync(HelpfulPromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text("Was my last answer helpful?"),
            Choices = [new Choice("Helpful"), new Choice("Not helpful")],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AskCommentAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        bool? helpful = step.Result switch
        {
            bool b => b,
            FoundChoice c => c.Value == "Helpful",
            _ => null,
        };
        if (helpful is null)
        {
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }

        step.Values[HelpfulKey] = helpful.Value;
        return await step.PromptAsync(CommentPromptId, new PromptOptions
        {
            Prompt = (Activity)MessageFactory.SuggestedActions(
                ["Skip"],
                helpful.Value ? "Thanks! Anything you'd like to add? (or Skip)" : "Sorry about that. What was wrong or missing? (or Skip)",
                ssml: null,
                inputHint: null),
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> SaveFeedbackAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var memory = await _memory.GetAsync(step.Context, () => new ConversationMemory(), cancellationToken);
        var comment = step.Result as string;
        var answer = memory.LastAnswer();
        var record = new FeedbackRecord
        {
            AnswerId = memory.LastAnswerId!,
            ChannelId = step.Context.Activity.ChannelId,
            ConversationId = step.Context.Activity.Conversation?.Id ?? string.Empty,
            Question = memory.LastQuestion,
            Answer = answer?.Text,
            Backend = answer?.Backend,
            Helpful = Convert.ToBoolean(step.Values[HelpfulKey], CultureInfo.InvariantCulture),
            Comment = comment is null || comment.Trim().Equals("skip", StringComparison.OrdinalIgnoreCase) ? null : comment.Trim(),
            At = DateTimeOffset.UtcNow,
        };
        await _journal.TryRecordAsync((j, ct) => j.RecordFeedbackAsync(record, ct), _logger, "feedback", cancellationToken);
        await step.Context.SendActivityAsync("Thanks, I've noted your feedback on that answer.", cancellationToken: cancellationToken);
        return await step.EndDialogAsync(cancellationToken: cancellationToken);
    }
}
