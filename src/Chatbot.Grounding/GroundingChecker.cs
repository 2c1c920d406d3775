using System.Diagnostics;
using System.Text.RegularExpressions;
using Chatbot.Grounding.Features;
using Chatbot.Grounding.Model;
using Chatbot.Grounding.Text;
using Chatbot.Knowledge.Diagnostics;
using Chatbot.Knowledge.Text;
using Microsoft.Extensions.AI;

namespace Chatbot.Grounding;

/// <summary>
/// Checks an answer against its numbered sources, sentence by sentence: whether the sources it
/// cites say it (<see cref="GroundingVerdict.Supported"/>), say something else
/// (<see cref="GroundingVerdict.Contradicted"/>), say nothing of it
/// (<see cref="GroundingVerdict.Unsupported"/>), or whether it cites the wrong or a missing source
/// (<see cref="GroundingVerdict.WrongCitation"/>). Local and LLM-free: MiniLM similarity, lexical
/// coverage, number/date/name agreement and negation, combined by a <see cref="GroundingModel"/>.
/// </summary>
/// <remarks>Thread-safe; register as a singleton next to the embedding generator.</remarks>
public sealed partial class GroundingChecker
{
    private readonly GroundingModel _model;
    private readonly GroundingAnalyzer _analyzer;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;

    /// <summary>Creates a checker.</summary>
    /// <param name="embedder">Sentence embeddings; in the app the MiniLM generator from Chatbot.Knowledge.</param>
    /// <param name="model">The learned feature weights, usually <see cref="GroundingModel.LoadDefault"/>.</param>
    public GroundingChecker(IEmbeddingGenerator<string, Embedding<float>> embedder, GroundingModel model)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _embedder = embedder;
        _analyzer = new GroundingAnalyzer(embedder, model.DenseCandidates, model.DenseNeighbours);
    }

    /// <summary>
    /// Starts embedding an answer that is still being written against <paramref name="sources"/>: feed it the text as it
    /// arrives and pass what <see cref="ClaimPrefetch.CompleteAsync"/> returns to the check as known vectors.
    /// </summary>
    public ClaimPrefetch BeginAnswer(IReadOnlyList<GroundingSource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var quotable = sources.SelectMany(s => s.Sentences).Select(s => TextAnalyzer.StripListPrefix(s.Text)).ToHashSet(StringComparer.Ordinal);
        return new ClaimPrefetch(_embedder, quotable, cancellationToken);
    }

    /// <summary>The model this checker applies.</summary>
    public GroundingModel Model => _model;

    /// <summary>Checks <paramref name="answer"/> against its numbered <paramref name="sources"/>.</summary>
    public Task<GroundingReport> CheckAsync(string answer, IReadOnlyList<GroundingSource> sources, CancellationToken cancellationToken = default)
        => CheckAsync(answer, sources, [], cancellationToken);

    /// <summary>
    /// Checks <paramref name="answer"/> against its numbered <paramref name="sources"/> and other
    /// retrieved passages it could not cite (evidence that its citation is wrong rather than invented).
    /// </summary>
    public Task<GroundingReport> CheckAsync(
        string answer,
        IReadOnlyList<GroundingSource> sources,
        IReadOnlyList<string> otherPassages,
        CancellationToken cancellationToken = default)
        => CheckAsync(answer, sources, otherPassages, knownVectors: null, cancellationToken);

    /// <summary>
    /// Checks <paramref name="answer"/> as above, with vectors the caller already has for some of its sentences
    /// (the user's own claim, embedded once for the turn), keyed by sentence text; those are not embedded again.
    /// </summary>
    public Task<GroundingReport> CheckAsync(
        string answer,
        IReadOnlyList<GroundingSource> sources,
        IReadOnlyList<string> otherPassages,
        IReadOnlyDictionary<string, float[]>? knownVectors,
        CancellationToken cancellationToken = default)
        => CheckCoreAsync(answer, sources, otherPassages, knownVectors, statement: false, cancellationToken);

    /// <summary>
    /// Checks a statement someone asked to have checked ("is it true that …"), not an answer: each sentence on its own,
    /// with no answer-level gate, and every number, negation or name conflict found deciding, since a claim that differs
    /// from the source on exactly such a point is what the person wants to know about.
    /// </summary>
    public Task<GroundingReport> CheckStatementAsync(
        string statement,
        IReadOnlyList<GroundingSource> sources,
        IReadOnlyDictionary<string, float[]>? knownVectors = null,
        CancellationToken cancellationToken = default)
        => CheckCoreAsync(statement, sources, [], knownVectors, statement: true, cancellationToken);

    private async Task<GroundingReport> CheckCoreAsync(
        string answer,
        IReadOnlyList<GroundingSource> sources,
        IReadOnlyList<string> otherPassages,
        IReadOnlyDictionary<string, float[]>? knownVectors,
        bool statement,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(otherPassages);
        if (sources.Any(s => s is null || s.Text is null))
        {
            throw new ArgumentException("Sources must not be null.", nameof(sources));
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var activity = ChatbotTelemetry.Source.StartActivity("grounding.check");
        var watch = Stopwatch.StartNew();
        SentenceGrounding[] sentences;
        if (QuotedVerbatim(answer, sources) is { } quoted)
        {
            sentences = quoted;
        }
        else
        {
            var analysis = _analyzer.Analyze(answer, sources, otherPassages);
            await _analyzer.AddDenseAsync(analysis, SelectForDense(analysis.Claims, _model), cancellationToken, knownVectors).ConfigureAwait(false);
            sentences = analysis.Claims.Select(c => Decide(c, _model, forceConflicts: statement)).ToArray();
            if (_model.Gate is { } gate && !statement)
            {
                ApplyGate(_model, gate, analysis.Claims, sentences);
            }

            // Spans come last: the gate may have flagged a sentence or cleared one.
            sentences = WithSpans(analysis, sentences);
        }

        var flagged = sentences.Count(s => s.Flagged);
        activity?.SetTag("chatbot.sentences", sentences.Length);
        activity?.SetTag("chatbot.flagged", flagged);
        ChatbotTelemetry.CheckDuration.Record(watch.Elapsed.TotalMilliseconds);
        ChatbotTelemetry.FlaggedSentences.Add(flagged);
        return new GroundingReport(sentences, watch.Elapsed);
    }

    internal SentenceGrounding Decide(ClaimAnalysis claim) => Decide(claim, _model);

    /// <summary>Each flagged sentence with the words its sources do not back (<see cref="UnsupportedSpans"/>).</summary>
    internal static SentenceGrounding[] WithSpans(GroundingAnalysis analysis, SentenceGrounding[] sentences)
    {
        for (var i = 0; i < sentences.Length; i++)
        {
            if (sentences[i].Flagged)
            {
                sentences[i] = sentences[i] with { Spans = UnsupportedSpans.Locate(analysis.Claims[i], sentences[i], analysis.All) };
            }
        }

        return sentences;
    }

    /// <summary>
    /// The verdicts of an answer whose every claim is, word for word, a sentence of a source it cites (as the extractive
    /// responder writes them): each is supported by that sentence, and nothing needs weighing. Null when any claim is
    /// not, or a source carries no stored sentences; then the full check runs.
    /// </summary>
    internal static SentenceGrounding[]? QuotedVerbatim(string answer, IReadOnlyList<GroundingSource> sources)
    {
        if (sources.Count == 0 || sources.Any(s => s.Sentences.Count == 0))
        {
            return null;
        }

        var bySource = sources.ToDictionary(
            s => s.Number,
            s => s.Sentences.Select(sentence => TextAnalyzer.StripListPrefix(sentence.Text)).ToHashSet(StringComparer.Ordinal));
        var split = SentenceSplitter.Default.Split(answer);
        var result = new SentenceGrounding[split.Count];
        for (var i = 0; i < split.Count; i++)
        {
            var sentence = split[i];
            var grounding = new SentenceGrounding(sentence.Text, sentence.Citations, GroundingVerdict.Supported, 1)
            {
                Start = sentence.Start,
                Length = sentence.Length,
                IsClaim = ClaimDetector.IsClaim(sentence.Text),
            };
            if (!grounding.IsClaim)
            {
                result[i] = grounding;
                continue;
            }

            // A bold label before the quote ("**GANs:** …", "**In short:** …") heads a section; the quote is the claim.
            var text = TextAnalyzer.StripListPrefix(SectionLabel().Replace(sentence.Text, string.Empty, 1));
            var source = sentence.Citations.Count == 0 ? null : sentence.Citations.Cast<int?>().FirstOrDefault(n => bySource.TryGetValue(n!.Value, out var quoted) && quoted.Contains(text));
            if (source is null || sentence.Citations.Any(n => !bySource.ContainsKey(n)))
            {
                return null;
            }

            result[i] = grounding with { EvidenceSource = source, Evidence = text };
        }

        return result;
    }

    /// <summary>
    /// The answer-level decision over the claims' verdicts: an answer the gate clears keeps no hallucination flag
    /// (a wrong or missing citation is another matter, and stays); an answer it flags shows at least its worst claim.
    /// </summary>
    internal static void ApplyGate(GroundingModel model, ResponseGate gate, IReadOnlyList<ClaimAnalysis> claims, SentenceGrounding[] sentences)
    {
        var scored = new List<int>();
        for (var i = 0; i < sentences.Length; i++)
        {
            if (claims[i].IsClaim && claims[i].All is not null && claims[i].MissingCitations.Count == 0)
            {
                scored.Add(i);
            }
        }

        if (scored.Count == 0)
        {
            return;
        }

        // The sentence score is the support probability re-centred on the claim threshold, so its logit gives back the claim's centred logit.
        var logits = scored.Select(i => Logit(1 - sentences[i].Score)).ToArray();
        var features = scored.Select(i => (IReadOnlyList<double>)(claims[i].Cited ?? claims[i].All)!.Values).ToArray();
        var flagAnswer = gate.Predict(ResponseGate.Describe(logits, features)) >= gate.Threshold;
        var worst = scored[Array.IndexOf(logits, logits.Max())];
        for (var k = 0; k < scored.Count; k++)
        {
            var i = scored[k];
            // A conflict the model lets override (a wrong number) stands whatever the answer as a whole reads like.
            var forced = sentences[i].Verdict == GroundingVerdict.Contradicted && model.Overrides((claims[i].Cited ?? claims[i].All)!.Conflict);
            var flag = forced || (flagAnswer && (logits[k] >= 0 || i == worst));
            if (!flag && IsHallucinationFlag(sentences[i]))
            {
                sentences[i] = sentences[i] with { Verdict = GroundingVerdict.Supported, Reason = null };
            }
            else if (flag && sentences[i].Verdict == GroundingVerdict.Supported)
            {
                sentences[i] = sentences[i] with
                {
                    Verdict = GroundingVerdict.Unsupported,
                    Reason = sentences[i].Citations.Count > 0
                        ? $"The cited {Markers(sentences[i].Citations)} may not say this: the answer as a whole reads as unsupported, and this sentence least of all."
                        : "No source clearly says this: the answer as a whole reads as unsupported, and this sentence least of all.",
                };
            }
        }
    }

    private static bool IsHallucinationFlag(SentenceGrounding sentence)
        => sentence.Verdict is GroundingVerdict.Unsupported or GroundingVerdict.Contradicted;

    /// <summary>The claims worth embedding: all of them, or those the lexical stage is least sure of.</summary>
    internal static IReadOnlyList<ClaimAnalysis> SelectForDense(IReadOnlyList<ClaimAnalysis> claims, GroundingModel model)
    {
        var candidates = claims.Where(c => c.IsClaim && c.All is not null && c.MissingCitations.Count == 0).ToList();
        if (model.LexicalStage is not { } lexical || model.DenseClaimBudget < 0 || (candidates.Count <= model.DenseClaimBudget && double.IsPositiveInfinity(model.DenseDoubtBand)))
        {
            return candidates;
        }

        var pivot = Logit(lexical.Threshold);
        return candidates
            .Select((c, i) => (Claim: c, Index: i, Doubt: Math.Abs(Logit(lexical.PredictHallucination((c.Cited ?? c.All)!.Values)) - pivot)))
            .Where(x => x.Doubt <= model.DenseDoubtBand)
            .OrderBy(x => x.Doubt)
            .ThenBy(x => x.Index)
            .Take(model.DenseClaimBudget)
            .Select(x => x.Claim)
            .ToArray();
    }

    [GeneratedRegex(@"^\*\*[^*\n]{1,80}:\*\*\s+")]
    private static partial Regex SectionLabel();

    /// <summary>The probability moved on the logit scale so that <paramref name="threshold"/> becomes 0.5.</summary>
    private static double LogisticShift(double p, double threshold) => Logistic.Sigmoid(Logit(p) - Logit(threshold));

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-9, 1 - 1e-9);
        return Math.Log(q / (1 - q));
    }

    internal static SentenceGrounding Decide(ClaimAnalysis claim, GroundingModel model, bool forceConflicts = false)
    {
        if (!claim.HasDense && model.LexicalStage is { } lexical)
        {
            model = lexical;
        }

        var sentence = claim.Sentence;
        var result = new SentenceGrounding(sentence.Text, sentence.Citations, GroundingVerdict.Supported, 1)
        {
            Start = sentence.Start,
            Length = sentence.Length,
            IsClaim = claim.IsClaim,
        };
        if (!claim.IsClaim || claim.All is null)
        {
            return result;
        }

        var threshold = model.Threshold;

        // Scores are centred on the model's threshold (0.5 = the decision boundary), so that Supported
        // always scores above 0.5 and a flagged sentence at or below it, whatever the class balance.
        double Support(double pHallucinated) => 1 - LogisticShift(pHallucinated, threshold);
        ConflictKind Effective(ClaimFeatures f, double p, GroundingModel m)
            => forceConflicts || m.Overrides(f.Conflict) || p >= m.Threshold ? f.Conflict : ConflictKind.None;
        var all = claim.All;
        var pAll = model.PredictHallucination(all.Values);
        if (claim.MissingCitations.Count > 0)
        {
            return With(result, GroundingVerdict.WrongCitation, Math.Min(Support(pAll), 0.5), all,
                $"Cites {Markers(claim.MissingCitations)}, which {(claim.MissingCitations.Count == 1 ? "is" : "are")} not among the sources.");
        }

        if (claim.Cited is { } cited)
        {
            var pCited = model.PredictHallucination(cited.Values);
            var citedConflict = Effective(cited, pCited, model);
            var allConflict = Effective(all, pAll, model);
            if (pCited < threshold && citedConflict == ConflictKind.None)
            {
                return With(result, GroundingVerdict.Supported, Support(pCited), cited, null);
            }

            if (citedConflict != ConflictKind.None)
            {
                return With(result, GroundingVerdict.Contradicted, Math.Min(Support(pCited), 0.5), cited, ConflictReason(cited));
            }

            if (pAll < threshold && allConflict == ConflictKind.None && all.Best is { } other && !IsCited(other, sentence.Citations))
            {
                var where = other.SourceNumber is { } n ? $"[{n}]" : "a retrieved passage it does not cite";
                return With(result, GroundingVerdict.WrongCitation, Math.Min(Support(pCited), 0.5), all,
                    $"Supported by {where}, not by the cited {Markers(sentence.Citations)}.");
            }

            if (allConflict != ConflictKind.None)
            {
                return With(result, GroundingVerdict.Contradicted, Math.Min(Support(pAll), 0.5), all, ConflictReason(all));
            }

            return With(result, GroundingVerdict.Unsupported, Support(pCited), cited,
                $"The cited {Markers(sentence.Citations)} does not say this, nor does any other source.");
        }

        var conflict = Effective(all, pAll, model);
        if (pAll < threshold && conflict == ConflictKind.None)
        {
            return With(result, GroundingVerdict.Supported, Support(pAll), all, null);
        }

        if (conflict != ConflictKind.None)
        {
            return With(result, GroundingVerdict.Contradicted, Math.Min(Support(pAll), 0.5), all, ConflictReason(all));
        }

        return With(result, GroundingVerdict.Unsupported, Support(pAll), all, "No source says this.");
    }

    private static SentenceGrounding With(SentenceGrounding result, GroundingVerdict verdict, double score, ClaimFeatures features, string? reason)
        => result with
        {
            Verdict = verdict,
            Score = score,
            EvidenceSource = features.Best?.SourceNumber,
            Evidence = features.BestText,
            Reason = reason,
        };

    private static bool IsCited(EvidenceSentence evidence, IReadOnlyList<int> citations)
        => evidence.SourceNumber is { } n && citations.Contains(n);

    private static string Markers(IEnumerable<int> numbers) => string.Concat(numbers.Select(n => $"[{n}]"));

    private static string ConflictReason(ClaimFeatures features)
    {
        var where = features.Best?.SourceNumber is { } n ? $"Source [{n}]" : "A retrieved passage";
        return features.Conflict switch
        {
            ConflictKind.Number => $"{where} gives a different number or date.",
            ConflictKind.Negation => $"{where} says the opposite (negation differs).",
            ConflictKind.Name => $"{where} names someone or something else.",
            _ => $"{where} disagrees.",
        };
    }
}
