using System.Numerics.Tensors;
using System.Text;
using System.Text.RegularExpressions;
using Chatbot.AI.Prompting;
using Chatbot.Grounding;
using Chatbot.Grounding.Text;
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

    private const double MinRelevance = 0.30;
    private const double DuplicateSimilarity = 0.92;

    /// <summary>How far below the best sentence a sentence of the asked-for kind (date, name, number, cause) may score and still be chosen first.</summary>
    private const double TypedAnswerMargin = 0.30;

    /// <summary>Sentences shorter than this many words are penalised (see <see cref="LengthPenalty"/>).</summary>
    private const int ShortSentence = 9;

    /// <summary>What a sentence gains, in a how/why answer, for following a chosen sentence of the same passage.</summary>
    private const double ContinuationBonus = 0.08;

    /// <summary>How much a later part's sentence loses for resembling a sentence already chosen for an earlier part.</summary>
    private const double NoveltyWeight = 0.4;

    /// <summary>Most list sentences ("First, ... Second, ...") quoted after the sentence that announces them.</summary>
    private const int MaxListSentences = 5;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly GroundingChecker _checker;

    /// <summary>Creates the composer.</summary>
    /// <param name="embedder">Sentence embeddings used to rank source sentences against the question.</param>
    /// <param name="checker">The grounding checker, which also judges claims for <see cref="PromptKind.CheckClaim"/>.</param>
    public ExtractiveComposer(IEmbeddingGenerator<string, Embedding<float>> embedder, GroundingChecker checker)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(checker);
        _embedder = embedder;
        _checker = checker;
    }

    /// <summary>Composes the answer to <paramref name="request"/>.</summary>
    public async Task<string> ComposeAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = Candidates(request.Sources);
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

    private async Task<string> ComposeFromAsync(PromptRequest request, List<Candidate> candidates, CancellationToken cancellationToken) =>
        request.Kind switch
        {
            PromptKind.Compare => await CompareAsync(request, candidates, cancellationToken),
            PromptKind.CheckClaim => await CheckClaimAsync(request, candidates, cancellationToken),
            _ => await AskAsync(request, candidates, cancellationToken),
        };

    private async Task<string> AskAsync(PromptRequest request, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        await ScoreAsync(candidates, request.Question, cancellationToken);
        var seeds = await AnswerPartsAsync(candidates, request.Question, cancellationToken);
        AddAnswerTypeBonus(candidates, request.Question);
        var chosen = ChooseCovering(
            candidates, ContentWords(request.Question), SentenceBudget(request.Style), request.Style, seeds, AnswerTypes.AsksHowOrWhy().IsMatch(request.Question));
        if (chosen.Count == 0)
        {
            return NotCoveredAnswer;
        }

        // Lead with the most relevant sentence, then keep the others in source order so they read as prose.
        var lead = chosen[0];
        var rest = chosen.Skip(1).OrderBy(c => c.Source).ThenBy(c => c.Index);
        return string.Join(" ", new[] { lead }.Concat(rest).Select(Cite));
    }

    /// <summary>
    /// One sentence for each thing the question asks, chosen before the rest: for a part that asks
    /// when, who, how many, why or which paper, the best sentence holding a date, a named agent, an
    /// amount, a cause or a quoted title, about something the question names, if one is nearly as
    /// relevant as the best sentence; otherwise (in a two-part question) the part's most relevant
    /// sentence. Each part of a two-part question is scored on its own, with the first part's subject added.
    /// </summary>
    private async Task<List<Candidate>> AnswerPartsAsync(List<Candidate> candidates, string question, CancellationToken cancellationToken)
    {
        var parts = QuestionParts.Split(question);
        var questionNames = AnswerTypes.CapitalizedWords(question);

        // What the question is about ("DALL-E", "GPT-3", "Italy"): a date or a number about something else answers nothing.
        var entities = Token().Matches(question).Skip(1).Select(m => m.Value).Where(w => w.Length > 1 && w.Any(char.IsUpper)).ToArray();
        var seeds = new List<Candidate>();
        var partScores = new double[candidates.Count];
        for (var p = 0; p < parts.Count; p++)
        {
            // The part's own words count too: "what are the maximum fines" should land on the sentence about fines.
            var ownWords = ContentWords(parts[p]);
            var partVector = parts.Count == 1 ? default
                : (await _embedder.GenerateAsync([QuestionParts.WithSubject(parts[p], parts[0])], cancellationToken: cancellationToken))[0].Vector;
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                var overlap = ownWords.Count == 0 ? 0 : ownWords.Count(candidate.Words.Contains) / (double)ownWords.Count;
                partScores[i] = (parts.Count == 1 ? candidate.Relevance : (0.3 * candidate.Relevance) + (0.7 * TensorPrimitives.CosineSimilarity(partVector.Span, candidate.Vector)))
                    + (0.2 * overlap);

                // A later part wants something the earlier answers did not already say (maximal marginal relevance).
                foreach (var seed in seeds)
                {
                    partScores[i] -= NoveltyWeight * Math.Max(0, TensorPrimitives.CosineSimilarity(seed.Vector, candidate.Vector) - 0.5);
                }
            }

            var type = AnswerTypes.AnswerTypeOf(parts[p]);
            var defined = type == AnswerType.None ? QuestionParts.DefinedSubject(parts[p]) : null;
            var ranked = Enumerable.Range(0, candidates.Count)
                .Where(i => partScores[i] >= MinRelevance && !seeds.Contains(candidates[i]))
                .OrderByDescending(i => partScores[i])
                .ToList();
            if (ranked.Count == 0)
            {
                continue;
            }

            var top = partScores[ranked[0]];
            var partWords = ContentWords(QuestionParts.WithSubject(parts[p], parts[0]));
            var typed = ranked.FirstOrDefault(
                i => partScores[i] >= top - TypedAnswerMargin
                    && (candidates[i].Words.Overlaps(partWords) || candidates[i].TitleWords.Overlaps(partWords))
                    && (entities.Length == 0 || entities.Any(candidates[i].Mentions))
                    && (defined is null ? AnswerTypes.Answers(type, candidates[i].Text, questionNames) : AnswerTypes.Defines(candidates[i].Text, defined)),
                -1);
            if (typed >= 0)
            {
                seeds.Add(candidates[typed]);
            }
            else if (parts.Count > 1)
            {
                seeds.Add(candidates[ranked[0]]);
            }
        }

        return seeds;
    }

    private async Task<string> CompareAsync(PromptRequest request, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var subjects = request.Subjects.Count >= 2 ? request.Subjects.Take(2).ToArray() : ParseSubjects(request.Question);
        if (subjects.Length < 2)
        {
            return await AskAsync(request, candidates, cancellationToken);
        }

        var perSide = request.Style == AnswerStyle.Expert ? 3 : 2;
        var used = new HashSet<Candidate>();
        var text = new StringBuilder();

        // What the two share, and how they differ, comes first when a source says it directly.
        await ScoreAsync(candidates, $"{subjects[0]} and {subjects[1]}: how they differ and what they share", cancellationToken);
        var both = Choose(candidates.Where(c => Mentions(c, subjects[0]) && Mentions(c, subjects[1])).ToList(), perSide, request.Style);
        if (both.Count > 0)
        {
            used.UnionWith(both);
            text.Append("**In short:** ").Append(string.Join(" ", both.Select(Cite))).Append("\n\n");
        }

        foreach (var subject in subjects)
        {
            await ScoreAsync(candidates, $"What is {subject}?", cancellationToken);
            var side = Choose(candidates.Where(c => !used.Contains(c) && Mentions(c, subject)).ToList(), perSide, request.Style);
            if (side.Count == 0)
            {
                side = Choose(candidates.Where(c => !used.Contains(c)).ToList(), 1, request.Style);
            }

            used.UnionWith(side);
            text.Append("**").Append(Capitalize(subject)).Append(":** ");
            text.Append(side.Count == 0 ? $"My sources say little about {subject}." : string.Join(" ", side.Select(Cite)));
            text.Append("\n\n");
        }

        return used.Count == 0 ? NotCoveredAnswer : text.ToString().TrimEnd();
    }

    private async Task<string> CheckClaimAsync(PromptRequest request, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var claim = ClaimPrefix().Replace(request.Question.Trim(), string.Empty).Trim().TrimEnd('?').Trim();
        if (claim.Length == 0)
        {
            return NotCoveredAnswer;
        }

        await ScoreAsync(candidates, claim, cancellationToken);
        var best = candidates.OrderByDescending(c => c.Relevance).First();
        if (best.Relevance < MinRelevance)
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

    private async Task ScoreAsync(List<Candidate> candidates, string query, CancellationToken cancellationToken)
    {
        var missing = candidates.Where(c => c.Vector is null).ToList();
        var inputs = missing.Select(c => c.RankingText).Prepend(query).ToArray();
        var vectors = await _embedder.GenerateAsync(inputs, cancellationToken: cancellationToken);
        var queryVector = vectors[0].Vector;
        for (var i = 0; i < missing.Count; i++)
        {
            missing[i].Vector = vectors[i + 1].Vector.ToArray();
        }

        var queryWords = ContentWords(query);
        foreach (var candidate in candidates)
        {
            var dense = TensorPrimitives.CosineSimilarity(queryVector.Span, candidate.Vector);
            var overlap = queryWords.Count == 0 ? 0 : queryWords.Count(candidate.Words.Contains) / (double)queryWords.Count;

            // Earlier passages ranked higher in retrieval; earlier sentences of a passage tend to define.
            var prior = 0.04 / candidate.Source + 0.02 / (1 + candidate.Index);
            candidate.Relevance = (0.75 * dense) + (0.25 * overlap) + prior;
        }
    }

    /// <summary>
    /// A question that asks when, who, how many or why is answered by a sentence holding a date, a name,
    /// a number or a cause: such sentences rank a little higher, as in classic extractive question answering.
    /// </summary>
    private static void AddAnswerTypeBonus(List<Candidate> candidates, string question)
    {
        var when = AnswerTypes.AsksWhen().IsMatch(question);
        var who = AnswerTypes.AsksWho().IsMatch(question);
        var howMany = AnswerTypes.AsksHowMany().IsMatch(question);
        var why = AnswerTypes.AsksWhy().IsMatch(question);
        var names = AnswerTypes.CapitalizedWords(question);
        foreach (var candidate in candidates)
        {
            if (when && AnswerTypes.HasDate().IsMatch(candidate.Text))
            {
                candidate.Relevance += 0.06;
            }

            if (who && AnswerTypes.HasNewName(candidate.Text, names))
            {
                candidate.Relevance += 0.04;
            }

            if (howMany && AnswerTypes.HasQuantity().IsMatch(candidate.Text))
            {
                candidate.Relevance += 0.05;
            }

            if (why && AnswerTypes.HasCause().IsMatch(candidate.Text))
            {
                candidate.Relevance += 0.06;
            }
        }
    }

    /// <summary>
    /// Starts from <paramref name="seeds"/>, then picks sentences greedily by relevance plus how many of
    /// the question's words they add that the sentences already chosen do not cover. When the question
    /// asks how something works or why (<paramref name="explains"/>), the sentences just after a chosen one
    /// in the same passage gain a little: an explanation unfolds over consecutive sentences.
    /// </summary>
    private static List<Candidate> ChooseCovering(
        IReadOnlyList<Candidate> candidates, HashSet<string> questionWords, int budget, AnswerStyle style, IReadOnlyList<Candidate> seeds, bool explains = false)
    {
        var chosen = new List<Candidate>(seeds);
        var covered = new HashSet<string>(seeds.SelectMany(c => c.Words), StringComparer.Ordinal);
        var pool = candidates.Where(c => c.Relevance >= MinRelevance && !chosen.Contains(c)).ToList();
        while (chosen.Count < budget && pool.Count > 0)
        {
            var best = pool
                .Select(c => (Candidate: c, Gain: c.Relevance - LengthPenalty(c, style)
                    + (questionWords.Count == 0 ? 0 : 0.12 * questionWords.Count(w => c.Words.Contains(w) && !covered.Contains(w)) / questionWords.Count)
                    + (explains && chosen.Any(x => x.Source == c.Source && c.Index - x.Index is 1 or 2) ? ContinuationBonus : 0)))
                .MaxBy(x => x.Gain).Candidate;
            pool.Remove(best);
            if (chosen.Any(c => TensorPrimitives.CosineSimilarity(c.Vector, best.Vector) > DuplicateSimilarity))
            {
                continue;
            }

            chosen.Add(best);
            covered.UnionWith(best.Words);
        }

        return chosen;
    }

    private static List<Candidate> Choose(IReadOnlyList<Candidate> candidates, int budget, AnswerStyle style)
    {
        var chosen = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Relevance - LengthPenalty(c, style)))
        {
            if (chosen.Count == budget || candidate.Relevance < MinRelevance)
            {
                break;
            }

            if (chosen.Any(c => TensorPrimitives.CosineSimilarity(c.Vector, candidate.Vector) > DuplicateSimilarity))
            {
                continue;
            }

            chosen.Add(candidate);
        }

        return chosen;
    }

    /// <summary>
    /// Long sentences cost the reader (more so for beginners); very short ones usually announce
    /// what follows ("The recipe has three steps.") and say little on their own.
    /// </summary>
    private static double LengthPenalty(Candidate candidate, AnswerStyle style) =>
        (candidate.Continuation.Length > 0 ? 0 : Math.Max(0, ShortSentence - candidate.WordCount) * 0.02) + style switch
    {
        AnswerStyle.Beginner => Math.Max(0, candidate.WordCount - 22) * 0.006,
        AnswerStyle.Expert => 0,
        _ => Math.Max(0, candidate.WordCount - 40) * 0.004,
    };

    private static int SentenceBudget(AnswerStyle style) => style switch
    {
        AnswerStyle.Beginner => 2,
        AnswerStyle.Expert => 6,
        _ => 4,
    };

    private static List<Candidate> Candidates(IReadOnlyList<PromptSource> sources)
    {
        var candidates = new List<Candidate>();
        foreach (var source in sources)
        {
            var sentences = SentenceSplitter.Default.Split(source.Text).Select(s => s.Text.Trim()).ToArray();
            for (var index = 0; index < sentences.Length; index++)
            {
                var text = sentences[index];
                var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

                // Headings, list stubs and fragments make poor quotes: keep full sentences only.
                if (words >= 6 && words <= 70 && text[^1] is '.' or '!' or '?' && char.IsUpper(text[0]) && !text.EndsWith(':'))
                {
                    // "The recipe has three steps." is quoted with the steps that follow it ("First, ... Second, ...").
                    var continuation = EnumerationLead().IsMatch(text)
                        ? sentences.Skip(index + 1).TakeWhile(next => OrdinalStart().IsMatch(next) && next.Split(' ').Length <= 70).Take(MaxListSentences).ToArray()
                        : [];

                    // "It was introduced in 2017 ..." says nothing about what "it" is: rank it with the passage title.
                    var context = LeadingPronoun().IsMatch(text) ? source.Title : null;
                    var ranked = string.Join(' ', new[] { context, text }.Concat(continuation).OfType<string>());
                    candidates.Add(new Candidate(source.Number, index, text, words, ContentWords(ranked), context, continuation) { Title = source.Title, Previous = index > 0 ? sentences[index - 1] : string.Empty });
                }
            }
        }

        return candidates;
    }

    private static bool Mentions(Candidate candidate, string subject)
    {
        var words = ContentWords(subject);
        return words.Count > 0 && words.Count(candidate.Words.Contains) * 2 >= words.Count;
    }

    private static string[] ParseSubjects(string question)
    {
        var match = CompareForm().Match(question);
        return match.Success ? [match.Groups["a"].Value.Trim(), match.Groups["b"].Value.Trim()] : [];
    }

    private static HashSet<string> ContentWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            var w = m.Value;
            if (w.Length > 2 && !s_stopWords.Contains(w))
            {
                words.Add(Stem(w));
            }
        }

        return words;
    }

    /// <summary>A light suffix stripper, so "entered" meets "enter" and "introduced" meets "introduce".</summary>
    private static string Stem(string word)
    {
        foreach (var suffix in s_suffixes)
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                word = word[..^suffix.Length];
                break;
            }
        }

        return word.Length > 4 && word[^1] == 'e' ? word[..^1] : word;
    }

    private static readonly string[] s_suffixes = ["ing", "ed", "es", "s"];

    private static string Cite(Candidate candidate) =>
        string.Join(' ', candidate.Continuation.Prepend(candidate.Text).Select(sentence => $"{sentence} [{candidate.Source}]"));

    private static string Quote(string text) => $"\u201C{text.Trim().TrimEnd('.')}\u201D.";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out", "has", "his", "how",
        "its", "who", "did", "get", "may", "him", "let", "say", "she", "too", "use", "that", "with", "have", "this", "will", "your", "from",
        "they", "know", "want", "been", "more", "when", "what", "which", "their", "there", "about", "would", "these", "other", "into",
        "than", "then", "them", "does", "between", "difference", "different", "differ", "tell", "explain", "why", "where", "is", "it",
    };

    // "The recipe has three steps.", "It works in two stages.", "There are several kinds."
    [GeneratedRegex(@"\b(?:two|three|four|five|six|several|the following)\s+(?:[\w\-]+\s+){0,2}[\w\-]+s\.$", RegexOptions.IgnoreCase)]
    private static partial Regex EnumerationLead();

    [GeneratedRegex(@"^(?:First|Second|Third|Fourth|Fifth|Sixth|Finally|Lastly|Next|Then)\b")]
    private static partial Regex OrdinalStart();

    [GeneratedRegex(@"^(?:It|Its|They|Their|This|These|He|She|His|Her)\b|^[^,]{0,60},\s+(?:it|they|he|she)\b")]
    private static partial Regex LeadingPronoun();

    [GeneratedRegex(@"[a-z0-9][a-z0-9\-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*")]
    private static partial Regex Token();

    [GeneratedRegex(@"^\s*(?:is it (?:true|correct|right) that|fact[- ]?check:?|claim:|i (?:read|heard) that|did you know that|true or false:?)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimPrefix();

    // Anchored, with the lead-in ("what is the difference between", "compare") skipped: unanchored, the first
    // subject would start at the question's first word ("What is the difference between GANs").
    [GeneratedRegex(@"^(?:.*?\bbetween\s+|\s*compare\s+)?(?<a>[\w\s\-\.]+?)\s+(?:vs\.?|versus|and|compared (?:to|with)|or)\s+(?<b>[\w\s\-\.]+?)\s*\??$", RegexOptions.IgnoreCase)]
    private static partial Regex CompareForm();

    private sealed class Candidate(int source, int index, string text, int wordCount, HashSet<string> words, string? context, string[] continuation)
    {
        /// <summary>The source's title (document and section).</summary>
        public string Title { get; init; } = string.Empty;

        /// <summary>The content words of <see cref="Title"/>: what the sentence is about when it does not say.</summary>
        public HashSet<string> TitleWords => field ??= ContentWords(Title);

        /// <summary>The sentence before this one in the passage (its local context).</summary>
        public string Previous { get; init; } = string.Empty;

        /// <summary>True when the sentence, the one before it or its source's title names <paramref name="entity"/>.</summary>
        public bool Mentions(string entity) =>
            Text.Contains(entity, StringComparison.OrdinalIgnoreCase)
            || Previous.Contains(entity, StringComparison.OrdinalIgnoreCase)
            || Title.Contains(entity, StringComparison.OrdinalIgnoreCase);

        /// <summary>The list sentences quoted after an announcing sentence such as "It has three steps.".</summary>
        public string[] Continuation { get; } = continuation;

        /// <summary>What the sentence's leading pronoun refers to (the passage title), for ranking only; never quoted.</summary>
        public string? Context { get; } = context;

        /// <summary>The text embedded for ranking: the sentence, after its context when it opens with a pronoun.</summary>
        public string RankingText => string.Join(' ', new[] { Context is null ? null : Context + ".", Text }.Concat(Continuation).OfType<string>());

        public int Source { get; } = source;

        public int Index { get; } = index;

        public string Text { get; } = text;

        public int WordCount { get; } = wordCount;

        public HashSet<string> Words { get; } = words;

        public float[] Vector { get; set; } = null!;

        public double Relevance { get; set; }
    }
}
