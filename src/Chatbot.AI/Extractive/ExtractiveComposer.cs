using System.Text;
using System.Text.RegularExpressions;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Composing;
using Chatbot.AI.Extractive.Ranking;
using Chatbot.AI.Prompting;
using Chatbot.Grounding;
using Microsoft.Extensions.AI;

namespace Chatbot.AI.Extractive;

/// <summary>
/// Writes an answer from the numbered sources alone, sentence by sentence, each sentence quoted
/// from a source and followed by its [n]: what the bot says when no language model is available.
/// The shape follows the intent (answer, comparison, claim check) and the user's level.
/// </summary>
public sealed partial class ExtractiveComposer
{
    /// <summary>What the composer says when no source is relevant enough to quote.</summary>
    public const string NotCoveredAnswer = "My sources don't cover that question, so I can't answer it reliably.";

    /// <summary>How far below the best-ranked sentence (in log-odds) a sentence of the kind the question asks for may rank and still lead.</summary>
    private const double TypedPartMargin = 1.5;

    private readonly CandidateScorer _scorer;
    private readonly GroundingChecker _checker;
    private readonly CandidateRanker _ranker;

    /// <summary>Creates the composer.</summary>
    /// <param name="embedder">Sentence embeddings used to rank source sentences against the question.</param>
    /// <param name="checker">The grounding checker, which also judges claims for <see cref="PromptKind.CheckClaim"/>.</param>
    /// <param name="ranker">The learned weighing of what is measured of each sentence (usually <see cref="SentenceRanker.LoadDefault"/>).</param>
    public ExtractiveComposer(IEmbeddingGenerator<string, Embedding<float>> embedder, GroundingChecker checker, SentenceRanker ranker)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(ranker);
        _scorer = new CandidateScorer(embedder);
        _checker = checker;
        _ranker = new CandidateRanker(ranker);
    }

    /// <summary>Composes the answer to <paramref name="request"/>.</summary>
    public async Task<string> ComposeAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = CandidateExtractor.Extract(request.Sources);
        if (all.Count == 0 || string.IsNullOrWhiteSpace(request.Question))
        {
            return NotCoveredAnswer;
        }

        // A follow-up ("tell me more") should add to what was said, not repeat it; but a question asked
        // again in other words gets the same facts again rather than "not covered".
        var said = string.Join("\n", request.History.Where(t => t.Role == ChatRole.Assistant).Select(t => t.Text));
        var fresh = all.Where(c => !said.Contains(c.Text, StringComparison.Ordinal)).ToList();
        var answer = fresh.Count == 0 ? NotCoveredAnswer : await ComposeFromAsync(request, fresh, cancellationToken);
        return answer == NotCoveredAnswer && fresh.Count < all.Count ? await ComposeFromAsync(request, all, cancellationToken) : answer;
    }

    private async Task<string> ComposeFromAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken) =>
        request.Kind switch
        {
            PromptKind.Compare => await CompareAsync(request, candidates, cancellationToken),
            PromptKind.CheckClaim => await CheckClaimAsync(request, candidates, cancellationToken),
            _ => await AskAsync(request, candidates, cancellationToken),
        };

    private async Task<string> AskAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken)
    {
        // Each part of a two-part question ("When did X launch, and which model did it start on?") gets its
        // own best sentence first, ranked against that part and the first part's subject; the rest go by rank.
        var seeds = new List<AnswerCandidate>();
        var parts = QuestionParts.Split(request.Question);
        for (var p = 0; parts.Count > 1 && p < parts.Count; p++)
        {
            var part = QuestionParts.WithSubject(parts[p], parts[0]);
            await _scorer.ScoreAsync(candidates, part, cancellationToken);
            _ranker.Rank(candidates, part);
            if ((TypedAnswer(candidates, seeds, request.Style, out var best) ?? best) is { } seed)
            {
                seeds.Add(seed);
            }
        }

        await _scorer.ScoreAsync(candidates, request.Question, cancellationToken);
        _ranker.Rank(candidates, request.Question);
        if (parts.Count == 1 && TypedAnswer(candidates, seeds, request.Style, out _) is { } typed)
        {
            seeds.Add(typed);
        }

        var length = AnswerLength.For(request.Style).Sentences(candidates.Where(c => c.Admissible).Select(c => c.Rank));
        var chosen = CandidateChooser.ByRank(candidates, length, request.Style, seeds, AnswerTypes.AsksHowOrWhy().IsMatch(request.Question));
        if (chosen.Count == 0)
        {
            return NotCoveredAnswer;
        }

        // Lead with the most relevant sentence, then keep the others in source order so they read as prose.
        var lead = chosen[0];
        var rest = chosen.Skip(1).OrderBy(c => c.Source).ThenBy(c => c.Index);
        return string.Join(" ", new[] { lead }.Concat(rest).Select(c => c.Cited));
    }

    /// <summary>
    /// For a question (or part) that asks who, when, how many or why: the best-ranked sentence of that kind about
    /// what the question names, when it ranks within <see cref="TypedPartMargin"/> of the <paramref name="best"/>
    /// sentence. The ranker weighs the kind of answer among much else; a sentence that gives it should lead.
    /// </summary>
    private static AnswerCandidate? TypedAnswer(List<AnswerCandidate> candidates, List<AnswerCandidate> seeds, AnswerStyle style, out AnswerCandidate? best)
    {
        var top = CandidateChooser.ByRank(candidates, seeds.Count + 1, style, seeds).Skip(seeds.Count).FirstOrDefault();
        best = top;
        return top is null ? null : candidates
            .Where(c => c.Admissible && c.TypedAboutSubject && !seeds.Contains(c) && c.Rank >= top.Rank - TypedPartMargin)
            .MaxBy(c => c.Rank);
    }

    /// <summary>
    /// Every sentence the composer could quote for <paramref name="request"/>, with what it measures of each
    /// and the ranker's score: what <c>train ranker</c> learns from and what a developer reads to see why an answer was chosen.
    /// </summary>
    public async Task<IReadOnlyList<RankedSentence>> RankAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidates = CandidateExtractor.Extract(request.Sources);
        if (candidates.Count == 0 || string.IsNullOrWhiteSpace(request.Question))
        {
            return [];
        }

        await _scorer.ScoreAsync(candidates, request.Question, cancellationToken);
        var features = _ranker.Rank(candidates, request.Question);
        return candidates
            .Select((c, i) => new RankedSentence(c.Source, c.Index, string.Join(' ', c.Continuation.Prepend(c.Text)), features[i].ToArray(), c.Rank, c.Admissible))
            .ToList();
    }

    private async Task<string> CompareAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken)
    {
        var subjects = request.Subjects.Count >= 2 ? request.Subjects.Take(2).ToArray() : ParseSubjects(request.Question);
        if (subjects.Length < 2)
        {
            return await AskAsync(request, candidates, cancellationToken);
        }

        var perSide = request.Style == AnswerStyle.Expert ? 3 : 2;
        var used = new HashSet<AnswerCandidate>();
        var text = new StringBuilder();

        // What the two share, and how they differ, comes first when a source says it directly.
        await _scorer.ScoreAsync(candidates, $"{subjects[0]} and {subjects[1]}: how they differ and what they share", cancellationToken);
        var both = CandidateChooser.ByRelevance(candidates.Where(c => Mentions(c, subjects[0]) && Mentions(c, subjects[1])).ToList(), perSide, request.Style);
        if (both.Count > 0)
        {
            used.UnionWith(both);
            text.Append("**In short:** ").Append(string.Join(" ", both.Select(c => c.Cited))).Append("\n\n");
        }

        foreach (var subject in subjects)
        {
            await _scorer.ScoreAsync(candidates, $"What is {subject}?", cancellationToken);
            var side = CandidateChooser.ByRelevance(candidates.Where(c => !used.Contains(c) && Mentions(c, subject)).ToList(), perSide, request.Style);
            if (side.Count == 0)
            {
                side = CandidateChooser.ByRelevance(candidates.Where(c => !used.Contains(c)).ToList(), 1, request.Style);
            }

            used.UnionWith(side);
            text.Append("**").Append(Capitalize(subject)).Append(":** ");
            text.Append(side.Count == 0 ? $"My sources say little about {subject}." : string.Join(" ", side.Select(c => c.Cited)));
            text.Append("\n\n");
        }

        return used.Count == 0 ? NotCoveredAnswer : text.ToString().TrimEnd();
    }

    private async Task<string> CheckClaimAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken)
    {
        var claim = ClaimPrefix().Replace(request.Question.Trim(), string.Empty).Trim().TrimEnd('?').Trim();
        if (claim.Length == 0)
        {
            return NotCoveredAnswer;
        }

        await _scorer.ScoreAsync(candidates, claim, cancellationToken);
        var best = candidates.OrderByDescending(c => c.Relevance).First();
        if (best.Relevance < CandidateScorer.MinRelevance)
        {
            return "Not covered by my sources: none of them says anything close to that claim.";
        }

        // The claim, as if it cited the best evidence, goes through the same check as every answer.
        var sentence = claim.EndsWith('.') ? claim : claim + ".";
        var report = await _checker.CheckAsync($"{sentence} [{best.Source}]", request.Sources.Select(s => new GroundingSource(s.Number, s.Text)).ToArray(), cancellationToken);
        var verdict = report.Sentences.Count > 0 ? report.Sentences[0] : null;
        var evidenceSource = verdict?.EvidenceSource ?? best.Source;
        var evidence = verdict?.Evidence is { Length: > 0 } e ? e : best.Text;
        // Verdict and evidence form one sentence, so the check weighs the quote against the source it cites.
        return verdict?.Verdict switch
        {
            GroundingVerdict.Supported => $"Supported: my sources agree, saying {Quote(evidence)} [{evidenceSource}]",
            GroundingVerdict.Contradicted => $"Contradicted: my sources say otherwise, namely {Quote(evidence)} [{evidenceSource}]",
            _ => $"Not covered by my sources: they don't confirm it, and the closest they come is {Quote(best.Text)} [{best.Source}]",
        };
    }

    private static bool Mentions(AnswerCandidate candidate, string subject)
    {
        var words = ContentWords.Of(subject);
        return words.Count > 0 && words.Count(candidate.Words.Contains) * 2 >= words.Count;
    }

    private static string[] ParseSubjects(string question)
    {
        var match = CompareForm().Match(question);
        return match.Success ? [match.Groups["a"].Value.Trim(), match.Groups["b"].Value.Trim()] : [];
    }

    private static string Quote(string text) => $"\u201C{text.Trim().TrimEnd('.')}\u201D.";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^\s*(?:is it (?:true|correct|right) that|fact[- ]?check:?|claim:|i (?:read|heard) that|did you know that|true or false:?)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimPrefix();

    // Anchored, with the lead-in ("what is the difference between", "compare") skipped: unanchored, the first
    // subject would start at the question's first word ("What is the difference between GANs").
    [GeneratedRegex(@"^(?:.*?\bbetween\s+|\s*compare\s+)?(?<a>[\w\s\-\.]+?)\s+(?:vs\.?|versus|and|compared (?:to|with)|or)\s+(?<b>[\w\s\-\.]+?)\s*\??$", RegexOptions.IgnoreCase)]
    private static partial Regex CompareForm();
}
