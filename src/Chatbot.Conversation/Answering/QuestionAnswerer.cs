using System.Text.RegularExpressions;
using Chatbot.AI.Answers;
using Chatbot.AI.Prompting;
using Chatbot.AI.Responding;
using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.Journal;
using Chatbot.Conversation.Rendering;
using Chatbot.Conversation.State;
using Chatbot.Grounding;
using Chatbot.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Answering;

/// <summary>
/// Answers a question, a comparison or a claim to check in the conversation it belongs to: resolves
/// what a follow-up ("tell me more") or a comparison with "that" refers to from
/// <see cref="ConversationMemory"/>, writes at the user's <see cref="UserProfile"/> level, asks the
/// <see cref="Responder"/>, remembers the answer, sends it and records it in the <see cref="IConversationJournal"/>.
/// </summary>
/// <remarks>
/// A service the main dialog calls rather than a dialog: answering never waits for the user, so it
/// has nothing to keep on the dialog stack.
/// </remarks>
public sealed partial class QuestionAnswerer
{
    private readonly Responder _responder;
    private readonly IStatePropertyAccessor<ConversationMemory> _memory;
    private readonly IStatePropertyAccessor<UserProfile> _profile;

    /// <summary>What the user can tap when a pilot's documents do not answer a question.</summary>
    public const string HandoffOffer = "Talk to a person";

    private readonly bool _pilot;
    private readonly AnswerStream _stream;
    private readonly IConversationJournal? _journal;
    private readonly ILogger _logger;

    /// <summary>Creates the answerer.</summary>
    /// <param name="responder">Answers from the knowledge base.</param>
    /// <param name="conversationState">Holds the conversation's memory.</param>
    /// <param name="userState">Holds the user's level.</param>
    /// <param name="knowledge">The knowledge settings: a pilot (one with its own documents) offers a person when they do not answer.</param>
    /// <param name="stream">Sends the answer as it is written where the channel shows streams; null for the default.</param>
    /// <param name="journal">Where each answer sent is recorded for a pilot's report; null records none.</param>
    /// <param name="logger">Logs a journal that fails.</param>
    public QuestionAnswerer(
        Responder responder,
        ConversationState conversationState,
        UserState userState,
        IOptions<KnowledgeOptions>? knowledge = null,
        AnswerStream? stream = null,
        IConversationJournal? journal = null,
        ILogger<QuestionAnswerer>? logger = null)
    {
        _journal = journal;
        _logger = logger ?? NullLogger<QuestionAnswerer>.Instance;
        _stream = stream ?? new AnswerStream();
        _pilot = knowledge?.Value.DocumentFolders.Length > 0;
        ArgumentNullException.ThrowIfNull(responder);
        ArgumentNullException.ThrowIfNull(conversationState);
        ArgumentNullException.ThrowIfNull(userState);
        _responder = responder;
        _memory = conversationState.CreateProperty<ConversationMemory>(nameof(ConversationMemory));
        _profile = userState.CreateProperty<UserProfile>(nameof(UserProfile));
    }

    /// <summary>Answers the analysed message, read as <paramref name="intent"/>, in the turn's conversation.</summary>
    /// <param name="context">The turn; the answer is sent to it.</param>
    /// <param name="intent">An <see cref="Intent.Ask"/>, <see cref="Intent.Compare"/> or <see cref="Intent.CheckClaim"/> result, with its entities.</param>
    /// <param name="analysis">The turn's analysis of the message, computed with the conversation's last question.</param>
    /// <param name="cancellationToken">Cancels the answer.</param>
    public async Task AnswerAsync(ITurnContext context, IntentResult intent, MessageAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(analysis);
        var text = analysis.Text;

        var memory = await _memory.GetAsync(context, () => new ConversationMemory(), cancellationToken);
        var profile = await _profile.GetAsync(context, () => new UserProfile(), cancellationToken);
        var request = new ResponderRequest(text)
        {
            Kind = intent.Intent switch
            {
                Intent.Compare => PromptKind.Compare,
                Intent.CheckClaim => PromptKind.CheckClaim,
                _ => PromptKind.Ask,
            },
            Style = profile.Level switch
            {
                AnswerLevel.Beginner => AnswerStyle.Beginner,
                AnswerLevel.Expert => AnswerStyle.Expert,
                _ => AnswerStyle.Standard,
            },
            History = memory.Turns.Select(t => new ConversationTurn(t.Role == "user" ? ChatRole.User : ChatRole.Assistant, t.Text)).ToArray(),
            Passages = intent.Passages,
        };

        // Only a question is a follow-up; a comparison or a claim that says "that" is resolved below or stands alone.
        var followUp = intent.Intent == Intent.Ask && memory.LastQuestion is not null ? analysis.FollowUp : null;
        request = request with { Analysis = analysis with { FollowUp = followUp } };

        var topic = text;
        if (intent.Intent == Intent.Compare)
        {
            // "How is that different from a GAN?": "that" is what the conversation was about.
            var left = intent.Left ?? memory.LastSubjects.FirstOrDefault() ?? TopicOf(memory.LastQuestion);
            if (left is not null && intent.Right is not null)
            {
                request = request with { Subjects = [left, intent.Right], SearchQuery = $"{left} compared with {intent.Right}" };
                memory.LastSubjects = [left, intent.Right];
            }
        }
        else if (followUp is not null && memory.LastQuestion is { } previous)
        {
            // "Tell me more", "why?": the question is about the previous topic, which stays the topic.
            request = request with { Question = $"{text} (about: {previous})", SearchQuery = followUp.Text };
            topic = previous;
        }
        else
        {
            memory.LastSubjects = [];
        }

        var (answer, sent) = await _stream.SendAsync(
            context,
            _responder.StreamAsync(request, cancellationToken),
            a =>
            {
                // Remembered before it is rendered, so the message's feedback buttons can carry its id.
                memory.Remember(topic, a);
                return Reply(a, _pilot, context.Activity.ChannelId, memory.LastAnswerId);
            },
            cancellationToken);
        memory.Sent(sent?.Id);
        if (context.Activity.ChannelId == Channels.Emulator)
        {
            // For a developer: the grounding report behind the flags, in the Emulator's inspector.
            await context.SendActivityAsync(GroundingTrace.For(answer), cancellationToken);
        }

        if (memory.LastAnswerId is { } answerId)
        {
            var record = Record(answer, answerId, text, context.Activity);
            await _journal.TryRecordAsync((j, ct) => j.RecordAnswerAsync(record, ct), _logger, "answer", cancellationToken);
        }
    }

    /// <summary>
    /// What the journal keeps of <paramref name="answer"/> to <paramref name="question"/>: the sources its sentences
    /// cite (those the reader was shown), and the sentences the grounding check flagged with each kind of flag once.
    /// </summary>
    public static AnswerRecord Record(Answer answer, string answerId, string question, IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(activity);
        var flagged = answer.Sentences.Where(s => s.Verdict != GroundingVerdict.Supported).ToList();
        return new AnswerRecord
        {
            AnswerId = answerId,
            ChannelId = activity.ChannelId,
            ConversationId = activity.Conversation?.Id ?? string.Empty,
            At = DateTimeOffset.UtcNow,
            Question = question,
            Covered = answer.Covered,
            Backend = answer.Backend,
            Sources = AnswerRenderer.CitedSources(answer).Select(c => c.Title).ToList(),
            Sentences = answer.Sentences.Count,
            Flagged = flagged.Count,
            FlagKinds = flagged.Select(s => s.Verdict.ToString()).Distinct().ToList(),
            CuratedQuestion = answer.CuratedQuestion,
            Repaired = answer.Repaired,
            FellBack = answer.FellBack,
            Withheld = answer.Withheld,
        };
    }

    /// <summary>
    /// The message for <paramref name="answer"/>, with buttons for the curated questions close to what was asked and, in a
    /// <paramref name="pilot"/>, for a person when the pages do not answer (rather than leaving the customer there), as
    /// <paramref name="channelId"/> expects it; <paramref name="answerId"/> goes with the feedback buttons where a channel needs it.
    /// </summary>
    public static IMessageActivity Reply(Answer answer, bool pilot, string? channelId, string? answerId = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var reply = ChannelAnswerRenderer.Render(answer, channelId, answerId);

        // Curated questions close to what was asked are offered to tap, as question-answering bots do.
        var actions = answer.Suggestions.Select(q => new CardAction(ActionTypes.ImBack, q, value: q)).ToList();
        if (!answer.Covered && pilot)
        {
            actions.Add(new CardAction(ActionTypes.ImBack, HandoffOffer, value: HandoffOffer));
        }

        if (actions.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions { Actions = actions };
        }

        return reply;
    }

    /// <summary>The subject of a question: "what is a transformer?" gives "transformer".</summary>
    private static string? TopicOf(string? question)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return null;
        }

        var topic = QuestionLead().Replace(question.Trim(), string.Empty).Trim().TrimEnd('?', '.', '!').Trim();
        return topic.Length > 0 ? topic : question.Trim();
    }

    [GeneratedRegex(@"^(?:(?:what|who|how|why|when|where)(?:'s|\s+(?:is|are|was|were|does|do|did))?\s+|tell me about\s+|explain\s+)(?:an?\s+|the\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionLead();
}
