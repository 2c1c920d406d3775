using Chatbot.Conversation.Intents;
using Chatbot.Conversation.State;
using Chatbot.Dialogs;
using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;

namespace Chatbot.Conversation.Dialogs;

/// <summary>
/// Sets how answers are explained to this user. When the message already named a level ("explain
/// like I'm five"), the caller passes it as an <see cref="AnswerLevel"/> option and nothing is asked;
/// otherwise the dialog asks for one. The level is kept in <see cref="UserProfile"/> (user state), so
/// it follows the user into later conversations.
/// </summary>
public sealed class LevelDialog : ComponentDialog
{
    /// <summary>The dialog's id. It is saved on the dialog stack, so it must not change.</summary>
    public const string DialogId = "level";

    private const string LevelPromptId = "levelChoice";

    private readonly IStatePropertyAccessor<UserProfile> _profile;

    /// <summary>Creates the dialog.</summary>
    public LevelDialog(UserState userState)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(userState);
        _profile = userState.CreateProperty<UserProfile>(nameof(UserProfile));

        AddDialog(new WaterfallDialog(nameof(WaterfallDialog), [AskLevelAsync, SetLevelAsync]));
        AddDialog(new ChoicePrompt(LevelPromptId));
        InitialDialogId = nameof(WaterfallDialog);
    }

    private async Task<DialogTurnResult> AskLevelAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (step.Options is AnswerLevel known)
        {
            return await step.NextAsync(known, cancellationToken);
        }

        return await step.PromptAsync(LevelPromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text("How should I explain things?"),
            RetryPrompt = MessageFactory.Text("Please choose Beginner, Standard or Expert."),
            Choices = [new Choice("Beginner"), new Choice("Standard"), new Choice("Expert")],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> SetLevelAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        AnswerLevel? level = step.Result switch
        {
            AnswerLevel known => known,
            FoundChoice chosen when Enum.TryParse<AnswerLevel>(chosen.Value, out var parsed) => parsed,
            _ => null,
        };
        if (level is null)
        {
            // The prompt gave up after repeated invalid answers: say the level stays, rather than nothing.
            await step.Context.SendActivityAsync("I'll keep explaining at the level I use now.", cancellationToken: cancellationToken);
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }

        var profile = await _profile.GetAsync(step.Context, () => new UserProfile(), cancellationToken);
        profile.Level = level.Value;
        await _profile.SetAsync(step.Context, profile, cancellationToken);
        var how = level switch
        {
            AnswerLevel.Beginner => "short answers in plain words",
            AnswerLevel.Expert => "fuller, more technical answers",
            _ => "balanced answers",
        };
        await step.Context.SendActivityAsync($"Got it: {level.Value.ToString().ToLowerInvariant()} level. From now on I'll give you {how}, in this and future conversations.", cancellationToken: cancellationToken);
        return await step.EndDialogAsync(cancellationToken: cancellationToken);
    }
}
