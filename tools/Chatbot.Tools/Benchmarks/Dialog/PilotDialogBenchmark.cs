using System.Text.RegularExpressions;
using Chatbot.Conversation.Answering;
using Chatbot.Conversation.Bots;
using Chatbot.Conversation.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace Chatbot.Tools.Benchmarks.Dialog;

/// <summary>
/// Sends each customer question as the first message of its own conversation through the bot's main dialog (intent
/// recognition, routing, answering, rendering) on a <see cref="TestAdapter"/>, and reads how the turn ended as the
/// customer sees it: an answer, "not covered" with a person offered, a question back, or another reply.
/// </summary>
/// <remarks>
/// End to end where <c>bench uncovered</c> and <c>bench answers</c> ask the responder alone: a question the intent
/// classifier reads as out of scope, or as a request for help, never reaches the responder.
/// </remarks>
public sealed partial class PilotDialogBenchmark
{
    private readonly Func<ConversationState, UserState, MainDialog> _createDialog;

    /// <param name="createDialog">Builds the main dialog as the app does, over a conversation's and a user's state.</param>
    public PilotDialogBenchmark(Func<ConversationState, UserState, MainDialog> createDialog)
    {
        ArgumentNullException.ThrowIfNull(createDialog);
        _createDialog = createDialog;
    }

    /// <summary>Runs every question; returns the counts and, per question, its outcome and the bot's first line.</summary>
    public async Task<(DialogBenchmarkResult Result, List<(DialogQuestion Question, DialogOutcome Outcome, string Reply)> Turns)> RunAsync(
        IReadOnlyList<DialogQuestion> questions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var turns = new List<(DialogQuestion, DialogOutcome, string)>();
        for (var i = 0; i < questions.Count; i++)
        {
            var (outcome, reply) = await TurnAsync(questions[i].Question, $"bench-{i}", cancellationToken);
            turns.Add((questions[i], outcome, reply));
        }

        int Count(bool covered, DialogOutcome outcome) => turns.Count(t => (t.Item1.Covered ?? true) == covered && t.Item2 == outcome);
        var result = new DialogBenchmarkResult
        {
            Covered = turns.Count(t => t.Item1.Covered ?? true),
            CoveredAnswered = Count(true, DialogOutcome.Answered),
            CoveredRefused = Count(true, DialogOutcome.NotCoveredPersonOffered),
            CoveredClarified = Count(true, DialogOutcome.Clarified),
            CoveredOther = Count(true, DialogOutcome.Other),
            Uncovered = turns.Count(t => !(t.Item1.Covered ?? true)),
            UncoveredRefusedWithPerson = Count(false, DialogOutcome.NotCoveredPersonOffered),
            UncoveredAnswered = Count(false, DialogOutcome.Answered),
            UncoveredClarified = Count(false, DialogOutcome.Clarified),
            UncoveredOther = Count(false, DialogOutcome.Other),
        };
        return (result, turns);
    }

    /// <summary>One message in a new conversation; how the turn ended and the first line of the bot's last message.</summary>
    public async Task<(DialogOutcome Outcome, string Reply)> TurnAsync(string text, string conversationId, CancellationToken cancellationToken = default)
    {
        var storage = new MemoryStorage();
        var conversationState = new ConversationState(storage);
        var userState = new UserState(storage);
        var handler = new DialogMessageHandler(_createDialog(conversationState, userState), conversationState);
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversationId));
        await adapter.SendTextToBotAsync(text, async (context, token) =>
        {
            await handler.HandleAsync(new DelegatingTurnContext<IMessageActivity>(context), token);
            await conversationState.SaveChangesAsync(context, force: false, token);
            await userState.SaveChangesAsync(context, force: false, token);
        }, cancellationToken);

        var replies = new List<IMessageActivity>();
        while (adapter.GetNextReply() is { } reply)
        {
            if (reply.AsMessageActivity() is { } message)
            {
                replies.Add(message);
            }
        }

        var last = replies.LastOrDefault();
        var firstLine = last?.Text?.Split('\n', 2)[0] ?? string.Empty;
        return (Classify(replies), firstLine);
    }

    private static DialogOutcome Classify(List<IMessageActivity> replies)
    {
        if (replies.Any(reply => reply.SuggestedActions?.Actions?.Any(action => action.Title == QuestionAnswerer.HandoffOffer) == true))
        {
            return DialogOutcome.NotCoveredPersonOffered;
        }

        if (replies.Any(reply => reply.Text is { } text && Citation().IsMatch(text)))
        {
            return DialogOutcome.Answered;
        }

        return replies.Any(reply => reply.Text?.Contains("Did you mean one of these?", StringComparison.Ordinal) == true)
            ? DialogOutcome.Clarified
            : DialogOutcome.Other;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Citation();
}
