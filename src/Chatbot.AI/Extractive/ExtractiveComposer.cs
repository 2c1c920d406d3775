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
/// The shape follows the intent (answer, comparison, claim check: one composer each, in <c>Composing/</c>)
/// and the user's level.
/// </summary>
public sealed class ExtractiveComposer
{
    /// <summary>What the composer says when no source is relevant enough to quote.</summary>
    public const string NotCoveredAnswer = "My sources don't cover that question, so I can't answer it reliably.";

    private readonly CandidateScorer _scorer;
    private readonly CandidateRanker _ranker;
    private readonly AskComposer _ask;
    private readonly CompareComposer _compare;
    private readonly ClaimComposer _claim;

    /// <summary>Creates the composer.</summary>
    /// <param name="embedder">Sentence embeddings used to rank source sentences against the question.</param>
    /// <param name="checker">The grounding checker, which also judges claims for <see cref="PromptKind.CheckClaim"/>.</param>
    /// <param name="ranker">The learned weighing of what is measured of each sentence (usually <see cref="SentenceRanker.LoadDefault"/>).</param>
    /// <param name="answerability">Decides when the sources do not answer a question at all (usually <see cref="AnswerabilityModel.LoadDefault"/>); none quotes whatever is most relevant.</param>
    public ExtractiveComposer(IEmbeddingGenerator<string, Embedding<float>> embedder, GroundingChecker checker, SentenceRanker ranker, AnswerabilityModel? answerability = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(ranker);
        _scorer = new CandidateScorer(embedder);
        _ranker = new CandidateRanker(ranker);
        _ask = new AskComposer(_scorer, _ranker, answerability);
        _compare = new CompareComposer(_scorer, _ask);
        _claim = new ClaimComposer(_scorer, checker);
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

        await _scorer.ScoreAsync(candidates, request.Question, AskComposer.QueryVector(request), cancellationToken);
        var features = _ranker.Rank(candidates, request.Question);
        return candidates
            .Select((c, i) => new RankedSentence(c.Source, c.Index, string.Join(' ', c.Continuation.Prepend(c.Text)), features[i].ToArray(), c.Rank, c.Admissible))
            .ToList();
    }

    /// <summary>Whether <paramref name="request"/> is judged as a question about a pilot's pages (its best source is one).</summary>
    public static bool IsPilotQuestion(PromptRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AskComposer.IsPilot(request);
    }

    /// <summary>
    /// What <see cref="AnswerabilityModel"/> measures of <paramref name="request"/>'s question and sources: what
    /// <c>train answerability</c> learns from.
    /// </summary>
    public async Task<double[]> MeasureAnswerabilityAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidates = CandidateExtractor.Extract(request.Sources);
        if (candidates.Count > 0 && !string.IsNullOrWhiteSpace(request.Question))
        {
            await _scorer.ScoreAsync(candidates, request.Question, AskComposer.QueryVector(request), cancellationToken);
            _ranker.Rank(candidates, request.Question);
        }

        return AskComposer.MeasureAnswerability(request.Question, candidates);
    }

    private Task<string> ComposeFromAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken) =>
        request.Kind switch
        {
            PromptKind.Compare => _compare.ComposeAsync(request, candidates, cancellationToken),
            PromptKind.CheckClaim => _claim.ComposeAsync(request, candidates, cancellationToken),
            _ => _ask.ComposeAsync(request, candidates, cancellationToken),
        };
}
