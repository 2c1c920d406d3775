using Chatbot.Grounding.Text;

namespace Chatbot.Grounding.Features;

/// <summary>
/// Finds the words of a flagged sentence that the evidence does not back, so that a channel can mark them rather
/// than only the sentence: for a contradicted number or date the claim's numbers the sources never give, for a
/// contradicted name the names they never use, for a contradicted negation the claim's negation word, and for an
/// unsupported sentence the content words, numbers and names found in no passage, joined into phrases across short
/// runs of stopwords. Words are compared by the keys the features use (stems, normalised numbers), so "trained" meets
/// "training" and "1,000" meets "1000". A sentence whose words all occur somewhere (a paraphrase the sources do not
/// back) gets no span: the whole sentence stays flagged. A wrong citation gets none either: its words are supported,
/// and the marker it got wrong is not part of the sentence's text.
/// </summary>
internal static class UnsupportedSpans
{
    /// <summary>
    /// How many stopwords (or connectives) may stand between two unbacked words of one phrase ("founded in Oslo by
    /// Nansen" is one phrase when "founded", "Oslo" and "Nansen" are unbacked). On the RAGTruth development answers,
    /// character F1 against the labelled spans was 0.346 / 0.372 / 0.384 / 0.392 / 0.398 for gaps of 0 / 1 / 2 / 3 / 5
    /// (connectives marked too): the labels mark clauses, but a longer gap marks words the sources do back, which a
    /// reader should not be told to doubt.
    /// </summary>
    public const int MaxStopGap = 3;

    /// <summary>
    /// Words that connect, hedge or talk about the answer rather than state a fact ("however", "it is important to
    /// note", "the passage describes"): never the unbacked part of a sentence, so never marked, though no source uses them;
    /// they may join two unbacked words like a stopword. On the development answers this raised character precision from
    /// 0.345 to 0.354 and cost 0.010 of F1 (0.392 to 0.382, gap 3): the labels often include the hedge with the claim.
    /// </summary>
    private static readonly HashSet<string> Discourse = new(
        new[]
        {
            "however", "therefore", "additionally", "addition", "furthermore", "moreover", "finally", "instead", "overall",
            "note", "important", "essential", "crucial", "recommended", "recommend", "generally", "ensure", "help",
            "provides", "describes", "explains", "mentions", "discusses", "suggests", "states", "according",
        }.Select(WordStemmer.Stem).Concat(ClaimDetector.MetaStems),
        StringComparer.Ordinal);

    /// <summary>The spans of <paramref name="grounding"/>'s sentence; empty when it is supported or nothing specific is found.</summary>
    /// <param name="claim">The sentence's analysis.</param>
    /// <param name="grounding">The verdict the checker gave it.</param>
    /// <param name="all">Every passage of the check.</param>
    public static IReadOnlyList<FlagSpan> Locate(ClaimAnalysis claim, SentenceGrounding grounding, EvidenceSet all)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(grounding);
        ArgumentNullException.ThrowIfNull(all);
        if (!grounding.Flagged || !grounding.IsClaim || grounding.Verdict == GroundingVerdict.WrongCitation)
        {
            return [];
        }

        var tokens = TextAnalyzer.Tokenize(grounding.Text);
        if (grounding.Verdict == GroundingVerdict.Contradicted && ConflictOf(claim, grounding) is { } features)
        {
            var spans = Conflicting(claim, features, tokens, grounding.Text, all);
            if (spans.Count > 0)
            {
                return spans;
            }
        }

        return Unbacked(tokens, grounding.Text, all);
    }

    /// <summary>The features whose best sentence the verdict quotes and that found the conflict: the cited sources' first.</summary>
    private static ClaimFeatures? ConflictOf(ClaimAnalysis claim, SentenceGrounding grounding)
    {
        if (claim.Cited is { Conflict: not ConflictKind.None } cited && cited.BestText == grounding.Evidence)
        {
            return cited;
        }

        return claim.All is { Conflict: not ConflictKind.None } all ? all : null;
    }

    private static List<FlagSpan> Conflicting(ClaimAnalysis claim, ClaimFeatures features, IReadOnlyList<WordToken> tokens, string text, EvidenceSet all)
    {
        var evidence = features.Best;
        switch (features.Conflict)
        {
            case ConflictKind.Number:
            {
                // The claim's numbers no passage gives, against the numbers the evidence gives that the claim lacks.
                var claimed = Phrases(tokens.Where(t => t.Number && t.Keys.Any(k => claim.Facts.Numbers.Contains(k) && !all.Numbers.Contains(k) && !all.Words.Contains(k))).ToList(), text, 0, tokens);
                var other = evidence is null ? [] : TextAnalyzer.Tokenize(evidence.Text);
                var instead = Phrases(other.Where(t => t.Number && t.Keys.Any(k => evidence!.Facts.Numbers.Contains(k) && !claim.Facts.Numbers.Contains(k))).ToList(), evidence?.Text ?? string.Empty, 0, other);
                return Pair(claimed, instead, evidence?.Text);
            }

            case ConflictKind.Name:
            {
                var claimed = Phrases(tokens.Where(t => t.Name is { } n && !all.Words.Contains(n)).ToList(), text, 1, tokens);
                var other = evidence is null ? [] : TextAnalyzer.Tokenize(evidence.Text);
                var instead = Phrases(other.Where(t => t.Name is { } n && !claim.Facts.Names.Contains(n) && !claim.Facts.Words.Contains(n)).ToList(), evidence?.Text ?? string.Empty, 1, other);
                return Pair(claimed, instead, evidence?.Text);
            }

            case ConflictKind.Negation when claim.Facts.Negated:
                // The claim negates what the source affirms: its negation word is the unbacked part. (The other way
                // round, the claim has no word to mark: what it lacks is the source's "not".)
                return [.. tokens.Where(t => t.Negation).Select(t => new FlagSpan(t.Start, t.Length))];

            default:
                return [];
        }
    }

    /// <summary>
    /// Each claimed phrase with what the evidence says instead: in order when both have as many phrases, the one
    /// evidence phrase when there is one; otherwise unpaired.
    /// </summary>
    private static List<FlagSpan> Pair(List<(int Start, int End)> claimed, List<(int Start, int End)> instead, string? evidenceText)
    {
        var spans = new List<FlagSpan>(claimed.Count);
        for (var i = 0; i < claimed.Count; i++)
        {
            var (start, end) = claimed[i];
            string? other = null;
            if (evidenceText is not null && instead.Count > 0 && (instead.Count == claimed.Count || instead.Count == 1))
            {
                var (s, e) = instead[instead.Count == 1 ? 0 : i];
                other = evidenceText[s..e];
            }

            spans.Add(new FlagSpan(start, end - start) { Instead = other });
        }

        return spans;
    }

    /// <summary>
    /// Content words, numbers and names no passage uses, as phrases. Words that the answer's supported sentences use
    /// are marked too: leaving them out (the answer "introduced" them) cost recall for no precision on the development
    /// answers (character F1 0.377 against 0.384), and a word is no truer for being repeated.
    /// </summary>
    private static List<FlagSpan> Unbacked(IReadOnlyList<WordToken> tokens, string text, EvidenceSet all)
    {
        var unbacked = tokens
            .Where(t => t.Keys.Any(k => !all.Words.Contains(k) && !all.Numbers.Contains(k) && !Discourse.Contains(k)))
            .ToList();
        return [.. Phrases(unbacked, text, MaxStopGap, tokens).Select(p => new FlagSpan(p.Start, p.End - p.Start))];
    }

    /// <summary>
    /// <paramref name="marked"/> words joined into phrases: two words are one phrase when what lies between them is
    /// spaces, commas, hyphens or slashes and at most <paramref name="maxStopGap"/> stopwords (of the sentence's <paramref name="tokens"/>).
    /// </summary>
    private static List<(int Start, int End)> Phrases(List<WordToken> marked, string text, int maxStopGap, IReadOnlyList<WordToken> tokens)
    {
        var phrases = new List<(int Start, int End)>();
        foreach (var token in marked)
        {
            if (phrases.Count > 0 && Joins(phrases[^1].End, token.Start, text, maxStopGap, tokens))
            {
                phrases[^1] = (phrases[^1].Start, token.End);
            }
            else
            {
                phrases.Add((token.Start, token.End));
            }
        }

        return phrases;
    }

    private static bool Joins(int from, int to, string text, int maxStopGap, IReadOnlyList<WordToken> tokens)
    {
        var between = tokens.Where(t => t.Start >= from && t.End <= to).ToList();
        if (between.Count > maxStopGap || between.Any(t => t.Negation || !(t.IsStop || t.Keys.All(Discourse.Contains))))
        {
            return false;
        }

        // Outside the words in between, only light separators: a phrase does not run across a clause or a bracket.
        var k = from;
        foreach (var word in between.Append(new WordToken(to, 0, string.Empty, [], false, false, null)))
        {
            for (; k < word.Start; k++)
            {
                if (!char.IsWhiteSpace(text[k]) && text[k] is not (',' or '-' or '–' or '/' or '&' or '\'' or '’'))
                {
                    return false;
                }
            }

            k = word.End;
        }

        return true;
    }
}
