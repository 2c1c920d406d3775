using System.Diagnostics;
using System.Globalization;
using System.Text;
using Chatbot.AI.Pipeline;
using Chatbot.AI.Providers;
using Chatbot.Grounding;
using Chatbot.Knowledge.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Grounding;

/// <summary>
/// A second opinion from the answering model on the sentences the local <see cref="GroundingChecker"/> is unsure of
/// (<see cref="GroundingJudgeOptions"/>, section <c>Grounding:Judge</c>). One call per answer covers all of them: the
/// numbered sources and the unsure sentences go in, a JSON verdict per sentence comes back and replaces the local one.
/// The judge never costs an answer: when it is off, when no model is in use, when the circuit is open, or when its call
/// fails, times out or replies with nothing usable, the local verdicts stand.
/// </summary>
/// <remarks>
/// It asks the application's <see cref="IChatClient"/>, the same pipeline the answer came through, rather than the raw
/// provider client: the circuit breaker then covers the judge too (an open circuit means no call), the call is classified,
/// logged and traced like every model call, and an extractive backend is visible as such (no judge call is made).
/// Its own timeout is the caller's cancellation to the pipeline, so a slow judge does not count as a backend failure.
/// </remarks>
public sealed partial class ModelGroundingJudge
{
    /// <summary>The words that start every reason the judge gives, so that a reader knows whose verdict it is.</summary>
    public const string ReasonPrefix = "Checked by the model: ";

    /// <summary>The heading of the prompt's list of sentences to check.</summary>
    public const string SentencesHeading = "Sentences to check:";

    /// <summary>The reply tokens allowed per sentence asked: an id, a label, a source and a reason of about fifteen words.</summary>
    private const int ReplyTokensPerSentence = 80;

    private const string Instructions = """
        You check whether sentences from an answer are supported by numbered source passages.
        Judge each sentence only against the sources below, never against what you know yourself.
        - "supported": a source states it, or it follows directly from what a source states.
        - "contradicted": a source states something incompatible with it (another number, date or name, or the opposite).
        - "unsupported": no source states it.
        Reply with JSON only, one entry per sentence id, in this form:
        {"verdicts": [{"id": "s1", "verdict": "supported", "source": 2, "reason": "Source 2 gives the same date."}]}
        "source" is the number of the source that supports or contradicts the sentence (the one the sentence cites, when
        that one does), or null. "reason" is one short sentence of at most fifteen words.
        """;

    private readonly IChatClient _chat;
    private readonly GroundingJudgeOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the judge over the application's chat client.</summary>
    public ModelGroundingJudge(IChatClient chat, IOptions<GroundingJudgeOptions> options, ILogger<ModelGroundingJudge> logger)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _chat = chat;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>True when <c>Grounding:Judge:Enabled</c> is set.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>
    /// The indexes in <paramref name="report"/> of the claims whose score lies within <see cref="GroundingJudgeOptions.Band"/>
    /// of 0.5, at most <see cref="GroundingJudgeOptions.MaxSentences"/> of them (the closest to 0.5), in answer order.
    /// </summary>
    public IReadOnlyList<int> SelectUnsure(GroundingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Sentences
            .Select((sentence, index) => (Sentence: sentence, Index: index, Distance: Math.Abs(sentence.Score - 0.5)))
            .Where(s => s.Sentence.IsClaim && s.Distance <= _options.Band)
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Index)
            .Take(_options.MaxSentences)
            .Select(s => s.Index)
            .Order()
            .ToArray();
    }

    /// <summary>
    /// <paramref name="report"/> with the model's verdicts on its unsure claims merged in: verdict, score and reason are
    /// replaced, evidence is kept. The report comes back unchanged when the judge is off, nothing is unsure, no model is in
    /// use or its circuit is open, or the call fails, times out or gives nothing usable (logged as a warning).
    /// </summary>
    /// <param name="report">The local check of a model's answer.</param>
    /// <param name="sources">The numbered sources the answer was written from.</param>
    /// <param name="cancellationToken">The turn's cancellation; it cancels the judge and is rethrown.</param>
    public async Task<GroundingReport> ReviewAsync(GroundingReport report, IReadOnlyList<GroundingSource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sources);
        if (!_options.Enabled || sources.Count == 0)
        {
            return report;
        }

        var unsure = SelectUnsure(report);
        if (unsure.Count == 0)
        {
            return report;
        }

        if (_chat.GetService(typeof(ChatBackend)) is not ChatBackend { IsModel: true })
        {
            Log.Skipped(_logger, "no language model is in use");
            return report;
        }

        if (_chat.GetService(typeof(ResilientChatClient)) is ResilientChatClient { CircuitState: ChatCircuitState.Open })
        {
            Log.Skipped(_logger, "the model's circuit breaker is open");
            return report;
        }

        using var activity = ChatbotTelemetry.Source.StartActivity("grounding.judge");
        activity?.SetTag("chatbot.judge.sentences", unsure.Count);
        var watch = Stopwatch.StartNew();
        var ids = unsure.Select((_, i) => "s" + (i + 1).ToString(CultureInfo.InvariantCulture)).ToArray();
        var messages = BuildPrompt(unsure.Select(i => report.Sentences[i]).ToArray(), sources);
        Log.Asking(_logger, unsure.Count, report.Sentences.Count(s => s.IsClaim));
        Log.Prompt(_logger, messages[^1].Text);

        var (outcome, verdicts) = await AskAsync(messages, ids, cancellationToken).ConfigureAwait(false);
        var merged = report;
        var changed = 0;
        if (verdicts.Count > 0)
        {
            var sentences = report.Sentences.ToArray();
            foreach (var verdict in verdicts)
            {
                var index = unsure[Array.IndexOf(ids, verdict.Id)];
                var judged = Merge(sentences[index], verdict, sources.Count);
                changed += judged.Verdict == sentences[index].Verdict ? 0 : 1;
                sentences[index] = judged;
            }

            merged = new GroundingReport(sentences, report.Elapsed + watch.Elapsed);
            Log.Judged(_logger, unsure.Count, verdicts.Count, changed, watch.Elapsed.TotalMilliseconds);
        }

        activity?.SetTag("chatbot.judge.outcome", outcome);
        activity?.SetTag("chatbot.judge.changed", changed);
        ChatbotTelemetry.JudgeDuration.Record(watch.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("outcome", outcome));
        return merged;
    }

    /// <summary>
    /// The judge's prompt: instructions (system), then the numbered sources and the sentences to check, each with its id
    /// and the sources it cites (user).
    /// </summary>
    internal static IList<ChatMessage> BuildPrompt(IReadOnlyList<SentenceGrounding> sentences, IReadOnlyList<GroundingSource> sources)
    {
        var text = new StringBuilder("Sources:\n");
        foreach (var source in sources)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{source.Number}] {OneLine(source.Text)}\n");
        }

        text.Append('\n').Append(SentencesHeading).Append('\n');
        for (var i = 0; i < sentences.Count; i++)
        {
            var cites = sentences[i].Citations.Count == 0 ? "cites no source" : "cites " + string.Join(", ", sentences[i].Citations.Select(c => $"[{c}]"));
            text.Append(CultureInfo.InvariantCulture, $"s{i + 1} ({cites}): {OneLine(sentences[i].Text)}\n");
        }

        return [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, text.ToString())];
    }

    /// <summary>
    /// The sentence as the model judged it. A sentence the model finds supported by a source it does not cite (when it
    /// cites any) has the wrong citation, as the local check would say. Scores sit at the edge of the unsure band: the
    /// model's word moves a sentence out of doubt, but no further than the local check's sure verdicts.
    /// </summary>
    internal SentenceGrounding Merge(SentenceGrounding sentence, JudgeVerdict verdict, int sourceCount)
    {
        var source = verdict.Source is int n && n <= sourceCount ? n : (int?)null;
        var said = verdict.Reason.Length > 0 ? verdict.Reason : null;
        var (result, reason) = verdict.Verdict switch
        {
            GroundingVerdict.Supported when source is int s && sentence.Citations.Count > 0 && !sentence.Citations.Contains(s) =>
                (GroundingVerdict.WrongCitation, $"source [{s}] says it, not the source cited." + (said is null ? "" : " " + said)),
            GroundingVerdict.Supported => (GroundingVerdict.Supported, said ?? "the sources say it."),
            GroundingVerdict.Contradicted => (GroundingVerdict.Contradicted, said ?? "a source says otherwise."),
            _ => (GroundingVerdict.Unsupported, said ?? "no source says it."),
        };
        var score = result == GroundingVerdict.Supported ? 0.5 + _options.Band : 0.5 - _options.Band;
        return sentence with { Verdict = result, Score = Math.Clamp(score, 0, 1), Reason = ReasonPrefix + reason };
    }

    private async Task<(string Outcome, IReadOnlyList<JudgeVerdict> Verdicts)> AskAsync(IList<ChatMessage> messages, string[] ids, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.Json,
            MaxOutputTokens = 40 + (ReplyTokensPerSentence * ids.Length),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        string reply;
        try
        {
            reply = (await _chat.GetResponseAsync(messages, options, timeout.Token).ConfigureAwait(false)).Text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TimedOut(_logger, _options.TimeoutSeconds);
            return ("timeout", []);
        }
        catch (ChatBackendException ex)
        {
            Log.Failed(_logger, ex.Kind.ToString(), ex);
            return ("failed", []);
        }
#pragma warning disable CA1031 // Whatever the provider throws, the answer is delivered with the local verdicts.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.Failed(_logger, ex.GetType().Name, ex);
            return ("failed", []);
        }

        Log.Reply(_logger, reply);
        var verdicts = JudgeReplyParser.Parse(reply, ids);
        if (verdicts.Count == 0)
        {
            Log.Unusable(_logger, ids.Length, reply.Length);
            return ("unusable", []);
        }

        return ("merged", verdicts);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Asking the model for a second opinion on {Count} unsure of {Claims} claims")]
        public static partial void Asking(ILogger logger, int count, int claims);

        [LoggerMessage(2, LogLevel.Information, "The model's second opinion on {Count} unsure sentences: {Answered} answered, {Changed} verdicts changed, {ElapsedMs:F0} ms")]
        public static partial void Judged(ILogger logger, int count, int answered, int changed, double elapsedMs);

        [LoggerMessage(3, LogLevel.Warning, "The model's second opinion took longer than {TimeoutSeconds} s; keeping the local verdicts")]
        public static partial void TimedOut(ILogger logger, double timeoutSeconds);

        [LoggerMessage(4, LogLevel.Warning, "The model's second opinion failed ({Kind}); keeping the local verdicts")]
        public static partial void Failed(ILogger logger, string kind, Exception exception);

        [LoggerMessage(5, LogLevel.Warning, "The model's second opinion was unusable (no verdict for any of the {Count} sentences asked in {ReplyLength} characters); keeping the local verdicts")]
        public static partial void Unusable(ILogger logger, int count, int replyLength);

        [LoggerMessage(6, LogLevel.Debug, "No second opinion from the model: {Why}")]
        public static partial void Skipped(ILogger logger, string why);

        [LoggerMessage(7, LogLevel.Trace, "Grounding judge prompt: {Prompt}")]
        public static partial void Prompt(ILogger logger, string prompt);

        [LoggerMessage(8, LogLevel.Trace, "Grounding judge reply: {Reply}")]
        public static partial void Reply(ILogger logger, string reply);
    }
}
