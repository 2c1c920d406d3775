using System.Diagnostics;
using Chatbot.AI.Answers;
using Chatbot.AI.Extractive;
using Chatbot.AI.Pipeline;
using Chatbot.AI.Prompting;
using Chatbot.AI.Providers;
using Chatbot.Grounding;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.AI.Responding;

/// <summary>
/// Answers a question from the knowledge base: retrieves passages, numbers them as sources, asks
/// the chat backend for an answer that cites them, and checks every sentence against its sources.
/// When the model fails before or while answering, the extractive answer stands in, with a notice:
/// the user always gets exactly one answer.
/// </summary>
public sealed partial class Responder
{
    private readonly HybridRetriever _retriever;
    private readonly IChatClient _chat;
    private readonly IChatClient _extractive;
    private readonly PromptBuilder _prompts;
    private readonly GroundingChecker _checker;
    private readonly ILogger<Responder> _logger;

    /// <summary>Creates the responder.</summary>
    public Responder(
        HybridRetriever retriever,
        IChatClient chat,
        [FromKeyedServices(ChatBackend.ExtractiveName)] IChatClient extractive,
        PromptBuilder prompts,
        GroundingChecker checker,
        ILogger<Responder> logger)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(extractive);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(logger);
        _retriever = retriever;
        _chat = chat;
        _extractive = extractive;
        _prompts = prompts;
        _checker = checker;
        _logger = logger;
    }

    /// <summary>The backend answers come from ("extractive", "ollama:llama3.2", ...), once chosen.</summary>
    public string BackendName => (_chat.GetService(typeof(ChatBackend)) as ChatBackend)?.Name ?? ChatBackend.ExtractiveName;

    /// <summary>Answers <paramref name="request"/> as one whole, checked answer.</summary>
    public async Task<Answer> AnswerAsync(ResponderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Question);

        // A turn cancelled before it starts does no work (the MiniLM encoder would report it as an ONNX error, not a cancellation).
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();

        var passages = await RetrieveAsync(request, cancellationToken);
        var prompt = new PromptRequest(request.Question, passages.Select((p, i) => new PromptSource(i + 1, TitleOf(p), p.Text)).ToArray())
        {
            Kind = request.Kind,
            Style = request.Style,
            History = request.History,
            Subjects = request.Subjects,
        };
        var messages = _prompts.Build(prompt);
        var options = new ChatOptions { AdditionalProperties = new() { [ExtractiveChatClient.PromptRequestKey] = prompt } };

        string text;
        string backend;
        string? notice = null;
        try
        {
            var response = await _chat.GetResponseAsync(messages, options, cancellationToken);
            text = response.Text;
            backend = BackendName;
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ChatBackendException(ChatBackendFailureKind.BadResponse, "The model returned an empty answer.");
            }
        }
        catch (ChatBackendException ex)
        {
            // When the model fails just as the caller cancels, the caller wants no answer: report the cancellation, not the failure.
            cancellationToken.ThrowIfCancellationRequested();
            Log.ModelFailed(_logger, ex.Kind, ex);
            text = (await _extractive.GetResponseAsync(messages, options, cancellationToken)).Text;
            backend = ChatBackend.ExtractiveName;
            notice = ex.Kind switch
            {
                ChatBackendFailureKind.Timeout => "The language model took too long, so this answer is quoted straight from my sources.",
                ChatBackendFailureKind.CircuitOpen or ChatBackendFailureKind.Unavailable => "The language model is unavailable right now, so this answer is quoted straight from my sources.",
                ChatBackendFailureKind.BadResponse => "The language model's answer was unusable, so this answer is quoted straight from my sources.",
                _ => "The language model's answer was cut off, so this answer is quoted straight from my sources.",
            };
        }

        var sources = prompt.Sources.Select(s => new GroundingSource(s.Number, s.Text)).ToArray();
        var report = await _checker.CheckAsync(text, sources, cancellationToken);
        var answer = new Answer(
            text,
            report.Sentences.Select(s => new AnswerSentence(s.Text, s.Citations, s.Verdict, s.Score)
            {
                EvidenceSource = s.EvidenceSource,
                Evidence = s.Evidence,
                Reason = s.Reason,
            }).ToArray(),
            passages.Select((p, i) => new Citation(i + 1, TitleOf(p), p.Url, p.Text) { ChunkId = p.ChunkId }).ToArray(),
            backend)
        {
            Notice = notice,
        };

        Log.Answered(_logger, backend, passages.Count, answer.Sentences.Count, answer.FlaggedCount, watch.Elapsed.TotalMilliseconds);
        return answer;
    }

    private async Task<IReadOnlyList<RetrievedPassage>> RetrieveAsync(ResponderRequest request, CancellationToken cancellationToken)
    {
        var options = new RetrievalOptions { Collection = request.Collection };
        var query = request.SearchQuery ?? request.Question;
        var passages = (await _retriever.RetrieveAsync(query, options, cancellationToken)).ToList();

        // A comparison needs evidence on each side, not just passages that match the whole question.
        if (request.Kind == PromptKind.Compare)
        {
            foreach (var subject in request.Subjects.Take(2))
            {
                var side = await _retriever.RetrieveAsync(subject, options with { TopK = 2 }, cancellationToken);
                passages.AddRange(side.Where(p => passages.All(q => q.ChunkId != p.ChunkId)));
            }
        }

        return passages;
    }

    private static string TitleOf(RetrievedPassage passage)
        => string.IsNullOrWhiteSpace(passage.Section) ? passage.Title : $"{passage.Title}: {passage.Section}";

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The chat model failed ({Kind}); answering from the sources instead")]
        public static partial void ModelFailed(ILogger logger, ChatBackendFailureKind kind, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Answered with {Backend} from {Passages} passages: {Sentences} sentences, {Flagged} flagged, {ElapsedMs:F0} ms")]
        public static partial void Answered(ILogger logger, string backend, int passages, int sentences, int flagged, double elapsedMs);
    }
}
