using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Chatbot.AI.Answers;
using Chatbot.AI.Extractive;
using Chatbot.AI.Grounding;
using Chatbot.AI.Pipeline;
using Chatbot.AI.Prompting;
using Chatbot.AI.Providers;
using Chatbot.AI.Understanding;
using Chatbot.Grounding;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Responding;

/// <summary>
/// Answers a question from the knowledge base: retrieves passages, numbers them as sources, asks
/// the chat backend for an answer that cites them, and checks every sentence against its sources.
/// When the model fails before or while answering, the extractive answer stands in, with a notice:
/// the user always gets exactly one answer. Under <see cref="GroundingPolicy.Repair"/> nothing is shown before it is
/// checked: no text streams, flagged sentences are fixed or withheld, and a model answer too little of which survives
/// gives way to the extractive answer.
/// </summary>
public sealed partial class Responder
{
    /// <summary>How many FAQ entries nearest the message compete for it.</summary>
    private const int CuratedCandidates = 5;

    /// <summary>
    /// How often a repaired answer is checked again. A repair only removes sentences or points a citation at its
    /// evidence, so a second check normally confirms the first; a third that still flags something withholds it.
    /// </summary>
    private const int MaxRepairPasses = 3;

    /// <summary>The notice above an extractive answer that stands in for a model answer that failed its check.</summary>
    public const string UnverifiedNotice = "The language model's answer could not be verified against my sources, so this answer is quoted straight from them.";

    /// <summary>Why a supported sentence of a model answer that fell back was not shown either.</summary>
    public const string FellBackReason = "Withheld with the rest of the model's answer, too little of which could be verified against the sources.";

    private readonly HybridRetriever _retriever;
    private readonly IChatClient _chat;
    private readonly IChatClient _extractive;
    private readonly PromptBuilder _prompts;
    private readonly GroundingChecker _checker;
    private readonly MessageAnalyzer _analyzer;
    private readonly ILogger<Responder> _logger;
    private readonly CuratedMatcher _curated;
    private readonly ModelGroundingJudge? _judge;
    private readonly GroundingOptions _grounding;

    /// <summary>Creates the responder; <paramref name="judge"/> gives a model's answer a second opinion when it is enabled.</summary>
    public Responder(
        HybridRetriever retriever,
        IChatClient chat,
        [FromKeyedServices(ChatBackend.ExtractiveName)] IChatClient extractive,
        PromptBuilder prompts,
        GroundingChecker checker,
        MessageAnalyzer analyzer,
        ILogger<Responder> logger,
        CuratedMatcher? curated = null,
        ModelGroundingJudge? judge = null,
        IOptions<GroundingOptions>? grounding = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
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
        _analyzer = analyzer;
        _logger = logger;
        _curated = curated ?? new CuratedMatcher(CuratedMatchModel.LoadDefault());
        _judge = judge;
        _grounding = grounding?.Value ?? new GroundingOptions();
    }

    /// <summary>The backend answers come from ("extractive", "ollama:llama3.2", ...), once chosen.</summary>
    public string BackendName => (_chat.GetService(typeof(ChatBackend)) as ChatBackend)?.Name ?? ChatBackend.ExtractiveName;

    /// <summary>
    /// Answers <paramref name="request"/> as one whole, checked answer. The model is still asked to stream, so that the
    /// check embeds each sentence while the model writes the next (see <see cref="StreamAsync"/>).
    /// </summary>
    public async Task<Answer> AnswerAsync(ResponderRequest request, CancellationToken cancellationToken = default)
    {
        await foreach (var update in StreamAsync(request, cancellationToken))
        {
            if (update.Answer is { } answer)
            {
                return answer;
            }
        }

        throw new InvalidOperationException("The answer stream ended without an answer.");
    }

    /// <summary>
    /// Answers <paramref name="request"/> as it is written: text deltas as the backend produces them,
    /// then the checked <see cref="Answer"/> last. When the model fails mid-answer, a
    /// <see cref="ResponderUpdateKind.Restart"/> tells the channel to drop what it showed; the
    /// extractive answer follows. Either way exactly one answer completes. Under <see cref="GroundingPolicy.Repair"/>
    /// no <see cref="ResponderUpdateKind.Text"/> update is yielded: the completed, repaired answer is all there is to show.
    /// </summary>
    public async IAsyncEnumerable<ResponderUpdate> StreamAsync(ResponderRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var repair = _grounding.Policy == GroundingPolicy.Repair;
        var prepared = await PrepareAsync(request, cancellationToken);
        if (prepared.Curated is { } curated)
        {
            // A question a support team has answered gets their answer, cited and checked like any other.
            var quoted = CuratedText(curated);
            if (!repair)
            {
                yield return new ResponderUpdate(ResponderUpdateKind.Text, quoted);
            }

            var checkedAnswer = await CheckAsync(prepared, quoted, ChatBackend.CuratedName, null, null, watch, cancellationToken);
            yield return new ResponderUpdate(ResponderUpdateKind.Completed, checkedAnswer.Text) { Answer = checkedAnswer.Covered ? checkedAnswer with { CuratedQuestion = curated.Passage.Questions[0] } : checkedAnswer };
            yield break;
        }

        var text = new StringBuilder();
        ChatBackendException? failure = null;
        ClaimPrefetch? prefetch = null;
        var prefetchDecided = false;

        await using (var updates = _chat.GetStreamingResponseAsync(prepared.Messages, prepared.Options, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                string? delta;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }

                    delta = updates.Current.Text;
                }
                catch (ChatBackendException ex)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    failure = ex;
                    break;
                }

                if (!prefetchDecided)
                {
                    // The backend is known once it answers. A model's sentences are embedded as they are written; the
                    // extractive composer's are quotes whose vectors the index stores, so there is nothing to start early.
                    prefetchDecided = true;
                    prefetch = BackendName == ChatBackend.ExtractiveName ? null : _checker.BeginAnswer(prepared.Sources, cancellationToken);
                }

                if (!string.IsNullOrEmpty(delta))
                {
                    text.Append(delta);
                    prefetch?.Append(delta);
                    if (!repair)
                    {
                        // Under Repair the model's words are unchecked until it has finished: none reaches a channel.
                        yield return new ResponderUpdate(ResponderUpdateKind.Text, delta);
                    }
                }
            }
        }

        if (failure is null && string.IsNullOrWhiteSpace(text.ToString()))
        {
            failure = new ChatBackendException(ChatBackendFailureKind.BadResponse, "The model returned an empty answer.");
        }

        var backend = BackendName;
        string? notice = null;
        if (failure is not null)
        {
            Log.ModelFailed(_logger, failure.Kind, failure);
            notice = NoticeFor(failure.Kind);
            prefetch = null;
            yield return new ResponderUpdate(ResponderUpdateKind.Restart, notice);
            text.Clear().Append((await _extractive.GetResponseAsync(prepared.Messages, prepared.Options, cancellationToken)).Text);
            backend = ChatBackend.ExtractiveName;
            if (!repair)
            {
                yield return new ResponderUpdate(ResponderUpdateKind.Text, text.ToString());
            }
        }

        var prefetched = prefetch is null ? null : await prefetch.CompleteAsync();
        var answer = await CheckAsync(prepared, text.ToString(), backend, notice, prefetched, watch, cancellationToken);
        yield return new ResponderUpdate(ResponderUpdateKind.Completed, answer.Text) { Answer = answer };
    }

    /// <summary>
    /// The prompt <paramref name="request"/> would be answered from: the question and the numbered sources
    /// retrieved for it, as the model (or the extractive composer) is given them.
    /// </summary>
    public async Task<PromptRequest> PreparePromptAsync(ResponderRequest request, CancellationToken cancellationToken = default) =>
        (await PrepareAsync(request, cancellationToken)).Prompt;

    /// <summary>
    /// The FAQ entries nearest <paramref name="request"/>'s question, each weighed as <see cref="CuratedMatcher"/> weighs
    /// it for a turn, likeliest first: what <c>train curated</c> learns from.
    /// </summary>
    public async Task<IReadOnlyList<CuratedCandidate>> WeighCuratedAsync(ResponderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var analysis = request.Analysis ?? await _analyzer.AnalyzeAsync(request.Question, cancellationToken: cancellationToken);
        var query = analysis.Query.Vector;
        if (query.IsEmpty)
        {
            return [];
        }

        var passages = Retrieve(request, analysis);
        return _curated.Weigh(_retriever.SearchCurated(query.Span, CuratedCandidates, request.Collection), passages, query.Span, analysis.Query.Text);
    }

    private async Task<Prepared> PrepareAsync(ResponderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Question);

        // A turn cancelled before it starts does no work (the MiniLM encoder would report it as an ONNX error, not a cancellation).
        cancellationToken.ThrowIfCancellationRequested();

        // The bot hands over the turn's analysis; a caller without one (the command line, a test) gets it computed here, once.
        var analysis = request.Analysis ?? await _analyzer.AnalyzeAsync(request.Question, cancellationToken: cancellationToken);
        var passages = Retrieve(request, analysis);
        var (curated, suggestions) = request.Kind == PromptKind.Ask && analysis.FollowUp is null ? MatchCurated(passages, analysis, request.Collection) : (null, []);
        var prompt = new PromptRequest(request.Question, passages.Select((p, i) => new PromptSource(i + 1, TitleOf(p), p.Text) { Sentences = p.Sentences, Vector = p.Vector, Opening = p.Section.Length == 0, Collection = p.Collection }).ToArray())
        {
            Kind = request.Kind,
            Style = request.Style,
            History = request.History,
            Subjects = request.Subjects,
            Analysis = analysis,
        };
        var options = new ChatOptions { AdditionalProperties = new() { [ExtractiveChatClient.PromptRequestKey] = prompt } };
        var sources = prompt.Sources.Select(s => new GroundingSource(s.Number, s.Text) { Sentences = s.Sentences }).ToArray();
        return new Prepared(passages, prompt, sources, _prompts.Build(prompt), options) { Curated = curated, Suggestions = suggestions };
    }

    /// <summary>
    /// The FAQ entry the message asks, when <see cref="CuratedMatcher"/> is sure enough (added to
    /// <paramref name="passages"/> when retrieval did not find it, so that it is cited and checked like any source); else
    /// up to two entries' main questions, to offer.
    /// </summary>
    private (CuratedMatch? Match, IReadOnlyList<string> Suggestions) MatchCurated(List<RetrievedPassage> passages, MessageAnalysis analysis, string? collection)
    {
        var query = analysis.Query.Vector;
        if (query.IsEmpty)
        {
            return (null, []);
        }

        var entries = _retriever.SearchCurated(query.Span, CuratedCandidates, collection);
        if (entries.Count == 0)
        {
            return (null, []);
        }

        var (match, offers) = _curated.Decide(_curated.Weigh(entries, passages, query.Span, analysis.Query.Text));
        if (match is null)
        {
            return (null, [.. offers.Select(o => o.Entry.Questions[0])]);
        }

        var index = passages.FindIndex(p => p.ChunkId == match.Entry.ChunkId);
        if (index < 0)
        {
            passages.Add(match.Entry);
            index = passages.Count - 1;
        }

        return (new CuratedMatch(passages[index], index + 1), []);
    }

    /// <summary>The curated answer as the responder writes any answer: each sentence followed by its source's number.</summary>
    private static string CuratedText(CuratedMatch curated)
    {
        var sentences = curated.Passage.Sentences.Count > 0
            ? curated.Passage.Sentences.Select(s => s.Text)
            : Chatbot.Knowledge.Text.SentenceSplitter.Default.Split(curated.Passage.Text).Select(s => s.Text);
        return string.Join(' ', sentences.Select(s => $"{s.Trim()} [{curated.Number}]"));
    }

    private async Task<Answer> CheckAsync(
        Prepared prepared, string text, string backend, string? notice, IReadOnlyDictionary<string, float[]>? prefetched, Stopwatch watch, CancellationToken cancellationToken)
    {
        // Vectors the turn already has: the user's own claim (embedded once, with the message) and the model's sentences
        // embedded while it wrote them.
        var known = new Dictionary<string, float[]>(prefetched ?? new Dictionary<string, float[]>(), StringComparer.Ordinal);
        if (prepared.Prompt.Analysis?.Claim is { } claim)
        {
            known.TryAdd(claim.Text, claim.Vector.ToArray());
        }

        var report = await _checker.CheckAsync(text, prepared.Sources, [], known, cancellationToken);
        if (_judge is { Enabled: true } && backend is not (ChatBackend.ExtractiveName or ChatBackend.CuratedName))
        {
            // Only a model's own sentences get its second opinion: quotes of the sources are what the sources say.
            report = await _judge.ReviewAsync(report, prepared.Sources, cancellationToken);
        }

        if (_grounding.Policy != GroundingPolicy.Repair)
        {
            return Build(prepared, text, report, backend, notice, watch);
        }

        var (repairedText, repaired, withheld, corrected) = await RepairAsync(prepared, text, report, known, cancellationToken);
        var claims = report.Sentences.Count(s => s.IsClaim);
        var kept = repaired.Sentences.Count(s => s.IsClaim);
        var quoted = backend is ChatBackend.ExtractiveName or ChatBackend.CuratedName;
        if (claims > 0 && (kept == 0 || kept < _grounding.MinimumKeptShare * claims))
        {
            if (!quoted)
            {
                // Too little of the model's answer stands: the customer gets the sources' own words instead, and the report
                // gets every sentence of the model's, the supported ones too, since none was shown.
                var dropped = withheld.Concat(repaired.Sentences.Where(s => s.IsClaim).Select(s => new WithheldSentence(s.Text, s.Verdict, FellBackReason))).ToList();
                var extractive = (await _extractive.GetResponseAsync(prepared.Messages, prepared.Options, cancellationToken)).Text;
                var fallback = await CheckAsync(prepared, extractive, ChatBackend.ExtractiveName, UnverifiedNotice, null, watch, cancellationToken);
                Log.FellBack(_logger, backend, claims, kept);
                return fallback with { Withheld = [.. InOrderWritten(dropped, text), .. fallback.Withheld], FellBack = true };
            }

            if (kept == 0)
            {
                // A quote none of whose claims the check accepts (the extractive answer is the last resort): saying the
                // sources do not cover the question is true of what can be shown, and a pilot then offers a person.
                repairedText = ExtractiveComposer.NotCoveredAnswer;
                repaired = await _checker.CheckAsync(repairedText, prepared.Sources, [], known, cancellationToken);
            }
        }

        var answer = Build(prepared, repairedText, repaired, backend, notice, watch) with
        {
            Withheld = [.. withheld],
            CorrectedCitations = corrected,
        };
        if (answer.Repaired)
        {
            Log.Repaired(_logger, backend, withheld.Count, corrected);
        }

        return answer;
    }

    /// <summary>
    /// Repairs <paramref name="text"/> until its check flags nothing (see <see cref="AnswerRepair"/>): the text shown,
    /// its check, the sentences withheld in the order written, and how many citations were corrected.
    /// </summary>
    private async Task<(string Text, GroundingReport Report, List<WithheldSentence> Withheld, int Corrected)> RepairAsync(
        Prepared prepared, string text, GroundingReport report, Dictionary<string, float[]> known, CancellationToken cancellationToken)
    {
        var written = text;
        var withheld = new List<WithheldSentence>();
        var corrected = 0;
        for (var pass = 0; report.Flagged; pass++)
        {
            if (pass == MaxRepairPasses)
            {
                // The check keeps finding fault with what it passed before: show none of it rather than a flagged sentence.
                withheld.AddRange(report.Sentences.Where(s => s.IsClaim).Select(s => new WithheldSentence(s.Text, s.Verdict, s.Reason)));
                text = string.Empty;
                report = new GroundingReport([], report.Elapsed);
                break;
            }

            var result = AnswerRepair.Rewrite(text, report.Sentences);
            withheld.AddRange(result.Withheld.Select(s => new WithheldSentence(s.Text, s.Verdict, s.Reason)));
            corrected += result.Corrected;
            text = result.Text;
            report = await _checker.CheckAsync(text, prepared.Sources, [], known, cancellationToken);
        }

        return (text, report, [.. InOrderWritten(withheld, written)], corrected);
    }

    /// <summary>
    /// <paramref name="withheld"/> in the order its sentences appear in <paramref name="text"/> (a sentence withheld on a
    /// later pass would otherwise come after one written after it).
    /// </summary>
    private static IEnumerable<WithheldSentence> InOrderWritten(List<WithheldSentence> withheld, string text)
    {
        // Withheld sentences are kept as the check gives them: without their markers, and spaced anew.
        static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
        var plain = Squeeze(Chatbot.Knowledge.Text.CitationMarkers.Strip(text, new List<int>()));
        return withheld.Select((w, i) => (w, i, At: plain.IndexOf(Squeeze(w.Text), StringComparison.Ordinal)))
            .OrderBy(x => x.At < 0 ? int.MaxValue : x.At)
            .ThenBy(x => x.i)
            .Select(x => x.w);
    }

    private Answer Build(Prepared prepared, string text, GroundingReport report, string backend, string? notice, Stopwatch watch)
    {
        var answer = new Answer(
            text,
            report.Sentences.Select(s => new AnswerSentence(s.Text, s.Citations, s.Verdict, s.Score)
            {
                Start = s.Start,
                Length = s.Length,
                EvidenceSource = s.EvidenceSource,
                Evidence = s.Evidence,
                Reason = s.Reason,
                Spans = s.Spans,
            }).ToArray(),
            [],
            backend)
        {
            Notice = notice,
            Covered = !text.TrimStart().StartsWith(ExtractiveComposer.NotCoveredAnswer, StringComparison.Ordinal),
            Suggestions = prepared.Suggestions,
        };

        // The check works per passage; the reader gets one number per document, from [1] in the order cited.
        answer = CitationNumbering.Renumber(
            answer,
            prepared.Passages.Select((p, i) => new CitationNumbering.Passage(i + 1, p.DocumentId, p.Title, p.Url, p.Text, p.ChunkId)).ToArray());

        Log.Answered(_logger, backend, prepared.Passages.Count, answer.Sentences.Count, answer.FlaggedCount, watch.Elapsed.TotalMilliseconds);
        return answer;
    }

    private static string NoticeFor(ChatBackendFailureKind kind) => kind switch
    {
        ChatBackendFailureKind.Timeout => "The language model took too long, so this answer is quoted straight from my sources.",
        ChatBackendFailureKind.CircuitOpen or ChatBackendFailureKind.Unavailable => "The language model is unavailable right now, so this answer is quoted straight from my sources.",
        ChatBackendFailureKind.BadResponse => "The language model's answer was unusable, so this answer is quoted straight from my sources.",
        _ => "The language model's answer was cut off, so this answer is quoted straight from my sources.",
    };

    /// <summary>
    /// The passages for the request, searched with the analysis' vectors: nothing is embedded here. A comparison adds
    /// evidence for each side (its words with the message's vector), a question in parts adds passages for its later parts.
    /// </summary>
    private List<RetrievedPassage> Retrieve(ResponderRequest request, MessageAnalysis analysis)
    {
        var options = new RetrievalOptions { Collection = request.Collection };
        var query = request.SearchQuery ?? analysis.Query.Text;
        var passages = request.Passages is { } given && request.SearchQuery is null && analysis.FollowUp is null
            ? given.ToList()
            : _retriever.Search(query, analysis.Query.Vector.Span, options).ToList();

        // A comparison needs evidence on each side, not just passages that match the whole question.
        if (request.Kind == PromptKind.Compare)
        {
            foreach (var subject in request.Subjects.Take(2))
            {
                var side = _retriever.Search(subject, analysis.Vector.Span, options with { TopK = 2 });
                passages.AddRange(side.Where(p => passages.All(q => q.ChunkId != p.ChunkId)));
            }
        }
        else if (request.Kind == PromptKind.Ask && analysis.FollowUp is null && analysis.DefinedSubject is { } subject)
        {
            AddOpeningPassage(passages, subject);
        }

        if (request.Kind == PromptKind.Ask && analysis.FollowUp is null)
        {
            // A question that asks two things needs passages for the second too ("... and what are the fines?").
            foreach (var part in analysis.Parts.Skip(1))
            {
                var side = _retriever.Search(part.Text, part.Vector.Span, options with { TopK = 2 });
                passages.AddRange(side.Where(p => passages.All(q => q.ChunkId != p.ChunkId)));
            }
        }

        return passages;
    }

    /// <summary>
    /// "What is a GAN?" is answered best by the opening passage of the document about GANs, which defines
    /// it; a document's later sections can mention the subject more often and outrank it. When a retrieved
    /// passage's title names the subject, that document's opening passage is put first.
    /// </summary>
    private void AddOpeningPassage(List<RetrievedPassage> passages, string subject)
    {
        var about = passages.FirstOrDefault(p => p.Title.Contains(subject, StringComparison.OrdinalIgnoreCase));
        var openingId = about is null ? null : KnowledgeChunk.CreateId(about.DocumentId, 0);
        if (openingId is null || passages.Exists(p => p.ChunkId == openingId) || _retriever.GetPassage(openingId, about!.Score) is not { } opening)
        {
            return;
        }

        passages.Insert(0, opening);
    }

    private static string TitleOf(RetrievedPassage passage)
        => string.IsNullOrWhiteSpace(passage.Section) ? passage.Title : $"{passage.Title}: {passage.Section}";

    private sealed record Prepared(
        IReadOnlyList<RetrievedPassage> Passages, PromptRequest Prompt, IReadOnlyList<GroundingSource> Sources, IList<ChatMessage> Messages, ChatOptions Options)
    {
        /// <summary>The FAQ entry the question matches confidently, if any.</summary>
        public CuratedMatch? Curated { get; init; }

        /// <summary>Curated questions close to the message, to offer.</summary>
        public IReadOnlyList<string> Suggestions { get; init; } = [];
    }

    /// <summary>A FAQ entry matched to the message: its passage and its number among the sources.</summary>
    private sealed record CuratedMatch(RetrievedPassage Passage, int Number);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The chat model failed ({Kind}); answering from the sources instead")]
        public static partial void ModelFailed(ILogger logger, ChatBackendFailureKind kind, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Answered with {Backend} from {Passages} passages: {Sentences} sentences, {Flagged} flagged, {ElapsedMs:F0} ms")]
        public static partial void Answered(ILogger logger, string backend, int passages, int sentences, int flagged, double elapsedMs);

        [LoggerMessage(3, LogLevel.Information, "Repaired the {Backend} answer: {Withheld} sentences withheld, {Corrected} citations corrected")]
        public static partial void Repaired(ILogger logger, string backend, int withheld, int corrected);

        [LoggerMessage(4, LogLevel.Information, "The {Backend} answer kept {Kept} of {Claims} claims after repair; answering from the sources instead")]
        public static partial void FellBack(ILogger logger, string backend, int claims, int kept);
    }
}
