using Chatbot.AI.Understanding;
using Chatbot.Conversation.Answering;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Rendering;
using Chatbot.Conversation.State;
using Chatbot.Conversation.Welcome;
using Chatbot.Dialogs;
using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Dialogs;

/// <summary>
/// The conversation: recognises the intent of each message and routes it to its behaviour. When
/// the recogniser is unsure it asks which of the two likeliest intents was meant. Multi-turn
/// behaviours are child dialogs (<see cref="LevelDialog"/>, <see cref="FeedbackDialog"/>,
/// <see cref="ResetDialog"/>), so their prompts survive restarts; single-turn ones are services it
/// calls (<see cref="QuestionAnswerer"/>, <see cref="HandoffInitiator"/>).
/// </summary>
public sealed class MainDialog : ComponentDialog
{
    private const string RouteId = "route";
    private const string ClarifyPromptId = "clarify";
    private const string UtteranceKey = "utterance";
    private const string ClarifyingKey = "clarifying";

    private readonly MessageAnalyzer _analyzer;
    private readonly IIntentRecognizer _intents;
    private readonly QuestionAnswerer _answerer;
    private readonly IStatePropertyAccessor<ConversationMemory> _memory;
    private readonly HandoffInitiator _handoff;

    /// <summary>Creates the dialog.</summary>
    public MainDialog(
        MessageAnalyzer analyzer,
        IIntentRecognizer intents,
        LevelDialog levelDialog,
        FeedbackDialog feedbackDialog,
        ResetDialog resetDialog,
        QuestionAnswerer answerer,
        HandoffInitiator handoff,
        ConversationState conversationState)
        : base(nameof(MainDialog))
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(intents);
        ArgumentNullException.ThrowIfNull(levelDialog);
        ArgumentNullException.ThrowIfNull(feedbackDialog);
        ArgumentNullException.ThrowIfNull(resetDialog);
        ArgumentNullException.ThrowIfNull(answerer);
        ArgumentNullException.ThrowIfNull(handoff);
        ArgumentNullException.ThrowIfNull(conversationState);
        _analyzer = analyzer;
        _intents = intents;
        _answerer = answerer;
        _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));
        _handoff = handoff;

        AddDialog(new WaterfallDialog(RouteId, [RecognizeAsync, ClarifiedAsync, DoneAsync]));
        // Any reply ends the prompt: a button's choice, or a message of its own, which is routed afresh.
        AddDialog(new ChoicePrompt(ClarifyPromptId, (_, _) => Task.FromResult(true)));
        AddDialog(levelDialog);
        AddDialog(feedbackDialog);
        AddDialog(resetDialog);
        InitialDialogId = RouteId;
    }

    private async Task<DialogTurnResult> RecognizeAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var text = step.Context.Activity.Text?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            await step.Context.SendActivityAsync("Send me a question about generative AI as text and I'll answer it with sources.", cancellationToken: cancellationToken);
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }

        // The message is understood once, here where it enters: the intent and the answer read the same analysis.
        var analysis = await AnalyzeAsync(step.Context, text, cancellationToken);
        var intent = await _intents.RecognizeAsync(analysis, cancellationToken);
        if (intent.IsConfident || intent.Intent == intent.RunnerUp)
        {
            return await DispatchAsync(step, intent, analysis, cancellationToken);
        }

        // Unsure: offer the two likeliest readings as buttons, and keep the message to act on it.
        step.Values[UtteranceKey] = text;
        step.Values[ClarifyingKey] = true;
        var choices = new[] { intent.Intent, intent.RunnerUp }.Select(i => new Choice(Describe(i))).ToList();
        return await step.PromptAsync(ClarifyPromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text("I'm not sure what you'd like me to do. Did you mean one of these? (Or just say it another way.)"),
            Choices = choices,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ClarifiedAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        if (!step.Values.ContainsKey(ClarifyingKey))
        {
            return await step.EndDialogAsync(cancellationToken: cancellationToken);
        }

        if (step.Result is not FoundChoice chosen)
        {
            // The user typed something instead of choosing: a new message, recognised as any other (a question asked
            // again in other words, or another request altogether). It is never dropped.
            return await step.ReplaceDialogAsync(RouteId, cancellationToken: cancellationToken);
        }

        var utterance = (string)step.Values[UtteranceKey];
        var intent = Enum.GetValues<Intent>().First(i => Describe(i) == chosen.Value);
        var analysis = await AnalyzeAsync(step.Context, utterance, cancellationToken);
        var recognized = await _intents.RecognizeAsync(analysis, cancellationToken);
        return await DispatchAsync(step, recognized with { Intent = intent, IsConfident = true }, analysis, cancellationToken);
    }

    private static async Task<DialogTurnResult> DoneAsync(WaterfallStepContext step, CancellationToken cancellationToken)
        => await step.EndDialogAsync(cancellationToken: cancellationToken);

    /// <summary>The message's analysis, with the conversation's last question for a follow-up to refer to.</summary>
    private async Task<MessageAnalysis> AnalyzeAsync(ITurnContext context, string text, CancellationToken cancellationToken)
    {
        var memory = await _memory.GetAsync(context, () => new ConversationMemory(), cancellationToken);
        return await _analyzer.AnalyzeAsync(text, memory.LastQuestion, cancellationToken);
    }

    private async Task<DialogTurnResult> DispatchAsync(WaterfallStepContext step, IntentResult intent, MessageAnalysis analysis, CancellationToken cancellationToken)
    {
        var context = step.Context;
        if (Acknowledgement(intent.Also) is { } acknowledgement)
        {
            await context.SendActivityAsync(acknowledgement, cancellationToken: cancellationToken);
        }

        switch (intent.Intent)
        {
            case Intent.Greeting:
            case Intent.Help:
                await context.SendActivityAsync(HelpMessage(intent.Intent == Intent.Greeting), cancellationToken);
                break;
            case Intent.Ask:
            case Intent.Compare:
            case Intent.CheckClaim:
                await _answerer.AnswerAsync(context, intent, analysis, cancellationToken);
                break;
            case Intent.SetLevel:
                // A level the message already named is passed on, so the dialog does not ask for it.
                return await step.BeginDialogAsync(LevelDialog.DialogId, intent.Level, cancellationToken);
            case Intent.ShowSources:
                var last = (await _memory.GetAsync(context, () => new ConversationMemory(), cancellationToken)).LastAnswer();
                await context.SendActivityAsync(
                    last is null ? MessageFactory.Text("I haven't answered a question yet, so there are no sources to show.") : Markdown(AnswerRenderer.RenderSources(last)),
                    cancellationToken);
                break;
            case Intent.Feedback:
                return await step.BeginDialogAsync(FeedbackDialog.DialogId, intent.Feedback?.ToString(), cancellationToken);
            case Intent.Handoff:
                await _handoff.InitiateAsync(context, cancellationToken);
                break;
            case Intent.Reset:
                return await step.BeginDialogAsync(ResetDialog.DialogId, cancellationToken: cancellationToken);
            case Intent.Thanks:
                await context.SendActivityAsync("You're welcome! Ask me anything else about generative AI whenever you like.", cancellationToken: cancellationToken);
                break;
            case Intent.Farewell:
                await context.SendActivityAsync("Goodbye! Come back whenever you have another question.", cancellationToken: cancellationToken);
                break;
            default:
                await context.SendActivityAsync(OutOfScopeMessage(), cancellationToken);
                break;
        }

        return await step.EndDialogAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// What the bot says first when a message also greets, thanks or judges the last answer before asking something
    /// ("thanks! and how is X different from Y?"); null when it does none of these.
    /// </summary>
    private static string? Acknowledgement(IReadOnlyList<Intent> also) =>
        also.Contains(Intent.Feedback) ? "Thanks for the feedback."
        : also.Contains(Intent.Thanks) ? "You're welcome."
        : also.Contains(Intent.Greeting) ? "Hello!"
        : null;

    private static IMessageActivity HelpMessage(bool greeting)
    {
        var text = (greeting ? "Hello! " : string.Empty) +
            "I explain generative AI from a curated set of sources: what it is and how it works (neural networks, transformers, diffusion, GANs, tokenization), " +
            "products such as ChatGPT, GPT-4, Gemini, DALL-E and Stable Diffusion, how LLMs and generative AI differ, and their limits (bias, hallucinations, energy, privacy).\n\n" +
            "Ask a question, compare two things (\"GANs vs diffusion models\"), check a claim (\"is it true that…\"), or say \"explain like I'm a beginner\". " +
            "Every answer cites its sources and marks with ⚠ anything they don't support.";
        var activity = MessageFactory.SuggestedActions(
            [WelcomeMessage.StarterQuestions[1], "GANs vs diffusion models", "Is it true that GPT-4 was released in 2021?"], text, ssml: null, inputHint: null);
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }

    private static IMessageActivity OutOfScopeMessage()
    {
        var activity = MessageFactory.SuggestedActions(
            WelcomeMessage.StarterQuestions,
            "That's outside what I cover, so I won't guess. I answer questions about generative AI: how it works, the main products, and their limits. For example:",
            ssml: null,
            inputHint: null);
        return activity;
    }

    private static IMessageActivity Markdown(string text)
    {
        var activity = MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }

    private static string Describe(Intent intent) => intent switch
    {
        Intent.Greeting => "Say hello",
        Intent.Help => "Show what you can do",
        Intent.Ask => "Answer it as a question",
        Intent.Compare => "Compare two things",
        Intent.CheckClaim => "Check it as a claim",
        Intent.SetLevel => "Change how you explain",
        Intent.ShowSources => "Show the sources",
        Intent.Feedback => "Give feedback",
        Intent.Handoff => "Talk to a person",
        Intent.Reset => "Start over",
        Intent.Thanks => "Just saying thanks",
        Intent.Farewell => "Say goodbye",
        _ => "Something else",
    };
}
