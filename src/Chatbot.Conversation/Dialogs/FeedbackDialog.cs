using System.Globalization;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.State;
using Chatbot.Dialogs;
using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Dialogs;

/// <summary>
/// Takes the user's feedback on the last answer: helpful or not (asked unless the caller passes the
/// <see cref="FeedbackSentiment"/> the message already showed, as a string option), then an optional
/// comment, and saves both in the <see cref="FeedbackStore"/> next to the question and answer.
/// </summary>
public sealed class FeedbackDialog : ComponentDialog
{
    /// <summary>The dialog's id. It is saved on the dialog stack, so it must not change.</summary>
    public const string DialogId = "feedback";

    private const string HelpfulPromptId = "helpful";
    private const string CommentPromptId = "comment";
    private const string HelpfulKey = "helpful";

    private readonly IStatePropertyAccessor<ConversationMemory> _memory;
    private readonly FeedbackStore _feedback;

    /// <summary>Creates the dialog.</summary>
    public FeedbackDialog(ConversationState conversationState, FeedbackStore feedback)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(feedback);
        _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));
        _feedback = feedback;

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
        await _feedback.SaveAsync(new FeedbackRecord
        {
            AnswerId = memory.LastAnswerId!,
            ConversationKey = ConversationKey(step.Context),
            Question = memory.LastQuestion,
            Answer = answer?.Text,
            Backend = answer?.Backend,
            Helpful = Convert.ToBoolean(step.Values[HelpfulKey], CultureInfo.InvariantCulture),
            Comment = comment is null || comment.Trim().Equals("skip", StringComparison.OrdinalIgnoreCase) ? null : comment.Trim(),
            At = DateTimeOffset.UtcNow,
        }, cancellationToken);
        await step.Context.SendActivityAsync("Thanks, I've noted your feedback on that answer.", cancellationToken: cancellationToken);
        return await step.EndDialogAsync(cancellationToken: cancellationToken);
    }

    private static string ConversationKey(ITurnContext context) => $"{context.Activity.ChannelId}/{context.Activity.Conversation?.Id}";
}
