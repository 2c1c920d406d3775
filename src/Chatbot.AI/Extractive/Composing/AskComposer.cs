using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Ranking;
using Chatbot.AI.Prompting;
using Chatbot.AI.Understanding;

namespace Chatbot.AI.Extractive.Composing;

/// <summary>
/// Answers a question (<see cref="PromptKind.Ask"/>): the best-ranked sentences, as many as
/// <see cref="AnswerLength"/> gives for the user's level, led by the most relevant one and the rest in
/// source order. Each part of a two-part question, and a question that asks who, when, how many or why,
/// gets the sentence that answers it first.
/// </summary>
internal sealed class AskComposer(CandidateScorer scorer, CandidateRanker ranker, AnswerabilityModel? answerability = null)
{
    /// <summary>How many of the likeliest sentences tell how long the sources' sentences run.</summary>
    private const int LengthSample = 6;

    /// <summary>How far below the best-ranked sentence (in log-odds) a sentence of the kind the question asks for may rank and still lead.</summary>
    private const double TypedPartMargin = 1.5;

    /// <summary>The answer to <paramref name="request"/> from <paramref name="candidates"/>, or <see cref="ExtractiveComposer.NotCoveredAnswer"/>.</summary>
    public async Task<string> ComposeAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken)
    {
        // Each part of a two-part question ("When did X launch, and which model did it start on?") gets its
        // own best sentence first, ranked against that part and the first part's subject; the rest go by rank.
        var seeds = new List<AnswerCandidate>();
        var parts = PartsOf(request);
        foreach (var part in parts)
        {
            await scorer.ScoreAsync(candidates, part.Text, part.Vector, cancellationToken);
            ranker.Rank(candidates, part.Text);
            if ((TypedAnswer(candidates, seeds, out var best) ?? best) is { } seed)
            {
                seeds.Add(seed);
            }
        }

        await scorer.ScoreAsync(candidates, request.Question, QueryVector(request), cancellationToken);
        ranker.Rank(candidates, request.Question);

        // Sources that do not answer the question are not quoted as if they did. A follow-up ("tell me more") is
        // about the earlier question, which was answered.
        if (answerability is not null && request.Analysis?.FollowUp is null && !answerability.Answers(MeasureAnswerability(request.Question, candidates), IsPilot(request)))
        {
            return ExtractiveComposer.NotCoveredAnswer;
        }
        if (parts.Count == 0 && TypedAnswer(candidates, seeds, out _) is { } typed)
        {
            seeds.Add(typed);
        }

        var admissible = candidates.Where(c => c.Admissible).ToList();
        var likeliest = admissible.OrderByDescending(c => c.Rank).Take(LengthSample).ToList();
        var length = AnswerLength.For(request.Style).Sentences(admissible.Select(c => c.Rank), likeliest.Count == 0 ? 0 : likeliest.Average(c => c.WordCount));
        var chosen = CandidateChooser.ByRank(candidates, length, request.Style, seeds, AnswerTypes.AsksHowOrWhy().IsMatch(request.Question), OpeningAbout(request));
        if (chosen.Count == 0)
        {
            return ExtractiveComposer.NotCoveredAnswer;
        }

        // One paragraph per passage, its sentences in the order the passage has them.
        var paragraphs = new List<List<AnswerCandidate>>();
        foreach (var candidate in chosen)
        {
            if (paragraphs.Count == 0 || paragraphs[^1][^1].Source != candidate.Source || paragraphs[^1][^1].Index > candidate.Index)
            {
                paragraphs.Add([]);
            }

            paragraphs[^1].Add(candidate);
        }

        return string.Join("\n\n", paragraphs.Select(p => string.Join(" ", p.Select(c => c.Cited))));
    }

    /// <summary>
    /// For a question that asks what something is, the number of the source that opens the article about it (its
    /// lead, which says what it is), when the sources hold it; the answer starts there if it answers nearly as well as the best.
    /// </summary>
    private static int? OpeningAbout(PromptRequest request) =>
        request.Analysis is { DefinedSubject: { } subject, FollowUp: null }
            ? request.Sources.FirstOrDefault(s => s.Opening && s.Title.Contains(subject, StringComparison.OrdinalIgnoreCase))?.Number
            : null;

    /// <summary>
    /// The parts of a question that asks several things, each with the first part's subject, as the turn's analysis
    /// embedded them; none for a question that asks one thing, or a follow-up (which is about the earlier question).
    /// Without an analysis (a caller outside the responder), the parts are split here and embedded when scored.
    /// </summary>
    private static IReadOnlyList<AnalyzedText> PartsOf(PromptRequest request)
    {
        if (request.Analysis is { } analysis)
        {
            return analysis.FollowUp is null ? analysis.Parts : [];
        }

        var parts = QuestionParts.Split(request.Question);
        return parts.Count > 1 ? parts.Select(part => new AnalyzedText(QuestionParts.WithSubject(part, parts[0]), default)).ToArray() : [];
    }

    /// <summary>What <see cref="AnswerabilityModel"/> measures of a question and its scored, ranked candidates.</summary>
    /// <summary>Whether the question is about a pilot's pages: its best-ranked source is one.</summary>
    internal static bool IsPilot(PromptRequest request) =>
        request.Sources.Count > 0 && request.Sources[0].Collection == Chatbot.Knowledge.Documents.KnowledgeCollections.Pilot;

    internal static double[] MeasureAnswerability(string question, IReadOnlyList<AnswerCandidate> candidates) =>
        AnswerabilityModel.Measure(
            ContentWords.Of(question),
            candidates.Select(c => (c.Rank, c.Dense, c.Overlap, c.Words.Concat(c.TitleWords))).ToList());

    /// <summary>The vector of what the answer is about: the turn's (its follow-up's when it is one), or none to embed.</summary>
    internal static ReadOnlyMemory<float> QueryVector(PromptRequest request) => request.Analysis?.Query.Vector ?? default;

    /// <summary>
    /// For a question (or part) that asks who, when, how many or why: the best-ranked sentence of that kind about
    /// what the question names, when it ranks within <see cref="TypedPartMargin"/> of the <paramref name="best"/>
    /// sentence (the best-ranked after <paramref name="seeds"/>). The ranker weighs the kind of answer among much
    /// else; a sentence that gives it should lead.
    /// </summary>
    public static AnswerCandidate? TypedAnswer(List<AnswerCandidate> candidates, List<AnswerCandidate> seeds, out AnswerCandidate? best)
    {
        var top = CandidateChooser.Best(candidates, seeds);
        best = top;
        return top is null ? null : candidates
            .Where(c => c.Admissible && c.TypedAboutSubject && !seeds.Contains(c) && c.Rank >= top.Rank - TypedPartMargin)
            .MaxBy(c => c.Rank);
    }
}
