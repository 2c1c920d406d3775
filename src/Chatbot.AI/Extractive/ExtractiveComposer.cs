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
        // A follow-up ("tell me more") should add to what was said, not repeat it.
        var said = string.Join("\n", request.History.Where(t => t.Role == ChatRole.Assistant).Select(t => t.Text));
        var candidates = Candidates(request.Sources).Where(c => !said.Contains(c.Text, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0 || string.IsNullOrWhiteSpace(request.Question))
        {
            return NotCoveredAnswer;
        }

        return request.Kind switch
        {
            PromptKind.Compare => await CompareAsync(request, candidates, cancellationToken),
            PromptKind.CheckClaim => await CheckClaimAsync(request, candidates, cancellationToken),
            _ => await AskAsync(request, candidates, cancellationToken),
        };
    }

    private async Task<string> AskAsync(PromptRequest request, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        await ScoreAsync(candidates, request.Question, cancellationToken);
        AddAnswerTypeBonus(candidates, request.Question);
        var chosen = ChooseCovering(candidates, ContentWords(request.Question), SentenceBudget(request.Style), request.Style);
        if (chosen.Count == 0)
        {
            return NotCoveredAnswer;
        }

        // Lead with the most relevant sentence, then keep the others in source order so they read as prose.
        var lead = chosen[0];
        var rest = chosen.Skip(1).OrderBy(c => c.Source).ThenBy(c => c.Index);
        return string.Join(" ", new[] { lead }.Concat(rest).Select(Cite));
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
        var inputs = missing.Select(c => c.Text).Prepend(query).ToArray();
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
        var when = AsksWhen().IsMatch(question);
        var who = AsksWho().IsMatch(question);
        var howMany = AsksHowMany().IsMatch(question);
        var why = AsksWhy().IsMatch(question);
        foreach (var candidate in candidates)
        {
            if (when && HasDate().IsMatch(candidate.Text))
            {
                candidate.Relevance += 0.06;
            }

            if (who && HasName().IsMatch(candidate.Text))
            {
                candidate.Relevance += 0.04;
            }

            if (howMany && HasNumber().IsMatch(candidate.Text))
            {
                candidate.Relevance += 0.05;
            }

            if (why && HasCause().IsMatch(candidate.Text))
            {
                candidate.Relevance += 0.06;
            }
        }
    }

    /// <summary>
    /// Picks sentences greedily by relevance plus how many of the question's words they add that the
    /// sentences already chosen do not cover, so a two-part question gets both parts answered.
    /// </summary>
    private static List<Candidate> ChooseCovering(IReadOnlyList<Candidate> candidates, HashSet<string> questionWords, int budget, AnswerStyle style)
    {
        var chosen = new List<Candidate>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var pool = candidates.Where(c => c.Relevance >= MinRelevance).ToList();
        while (chosen.Count < budget && pool.Count > 0)
        {
            var best = pool
                .Select(c => (Candidate: c, Gain: c.Relevance - LengthPenalty(c, style)
                    + (questionWords.Count == 0 ? 0 : 0.12 * questionWords.Count(w => c.Words.Contains(w) && !covered.Contains(w)) / questionWords.Count)))
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

    private static double LengthPenalty(Candidate candidate, AnswerStyle style) => style switch
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
            var index = 0;
            foreach (var sentence in SentenceSplitter.Default.Split(source.Text))
            {
                var text = sentence.Text.Trim();
                var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

                // Headings, list stubs and fragments make poor quotes: keep full sentences only.
                if (words >= 6 && words <= 70 && text[^1] is '.' or '!' or '?' && char.IsUpper(text[0]) && !text.EndsWith(':'))
                {
                    candidates.Add(new Candidate(source.Number, index, text, words, ContentWords(text)));
                }

                index++;
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
                words.Add(w.EndsWith('s') && w.Length > 4 ? w[..^1] : w);
            }
        }

        return words;
    }

    private static string Cite(Candidate candidate) => $"{candidate.Text} [{candidate.Source}]";

    private static string Quote(string text) => $"\u201C{text.Trim().TrimEnd('.')}\u201D.";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out", "has", "his", "how",
        "its", "who", "did", "get", "may", "him", "let", "say", "she", "too", "use", "that", "with", "have", "this", "will", "your", "from",
        "they", "know", "want", "been", "more", "when", "what", "which", "their", "there", "about", "would", "these", "other", "into",
        "than", "then", "them", "does", "between", "difference", "different", "differ", "tell", "explain", "why", "where", "is", "it",
    };

    [GeneratedRegex(@"\bwhen\b|\b(?:what|which) (?:year|date|month)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksWhen();

    [GeneratedRegex(@"\bwho\b|\bwhose\b|\b(?:which|what) (?:company|companies|group|groups|lab|labs|paper|organi[sz]ation|team)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksWho();

    [GeneratedRegex(@"\bhow (?:many|much|big|large)\b|\bwhat (?:size|sizes)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksHowMany();

    [GeneratedRegex(@"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")]
    private static partial Regex HasDate();

    [GeneratedRegex(@"(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-zA-Z]+)+|\u201C|\""")]
    private static partial Regex HasName();

    [GeneratedRegex(@"\d")]
    private static partial Regex HasNumber();

    [GeneratedRegex(@"\bwhy\b|\bwhat causes\b|\bhow come\b|\breason\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksWhy();

    [GeneratedRegex(@"\b(?:because|since|so that|due to|caused? by|causes|the reason|as a result|leads? to|comes? from|stems? from|arises?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HasCause();

    [GeneratedRegex(@"[a-z0-9][a-z0-9\-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"^\s*(?:is it (?:true|correct|right) that|fact[- ]?check:?|claim:|i (?:read|heard) that|did you know that|true or false:?)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimPrefix();

    // Anchored, with the lead-in ("what is the difference between", "compare") skipped: unanchored, the first
    // subject would start at the question's first word ("What is the difference between GANs").
    [GeneratedRegex(@"^(?:.*?\bbetween\s+|\s*compare\s+)?(?<a>[\w\s\-\.]+?)\s+(?:vs\.?|versus|and|compared (?:to|with)|or)\s+(?<b>[\w\s\-\.]+?)\s*\??$", RegexOptions.IgnoreCase)]
    private static partial Regex CompareForm();

    private sealed class Candidate(int source, int index, string text, int wordCount, HashSet<string> words)
    {
        public int Source { get; } = source;

        public int Index { get; } = index;

        public string Text { get; } = text;

        public int WordCount { get; } = wordCount;

        public HashSet<string> Words { get; } = words;

        public float[] Vector { get; set; } = null!;

        public double Relevance { get; set; }
    }
}
