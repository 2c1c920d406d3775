using System.Text.RegularExpressions;
using Chatbot.Grounding.Text;

namespace Chatbot.Grounding.Features;

/// <summary>
/// Turns a claim and its evidence into the numbers the model combines: dense similarity,
/// lexical and bigram coverage, number/date/name agreement and negation.
/// </summary>
internal static partial class FeatureExtractor
{
    /// <summary>The names of the features, in vector order; persisted models refer to features by these names.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "dense_max",        // best cosine of the claim to one evidence sentence
        "dense_window",     // best cosine to two adjacent sentences (sum of their unit vectors)
        "dense_margin",     // dense_max minus the claim's cosine to the evidence centroid
        "lex_best",         // share of claim stems found in the best single sentence
        "lex_window",       // ... in the best two-sentence window
        "lex_global",       // ... anywhere in the evidence
        "idf_global",       // the same, weighting rare stems higher
        "bigram_window",    // share of claim bigrams in the best window
        "bigram_global",    // share of claim bigrams anywhere
        "novel_words",      // log(1 + stems found nowhere in the evidence)
        "has_numbers",      // the claim holds numbers or dates
        "number_missing",   // share of claim numbers found nowhere in the evidence
        "name_missing",     // share of claim names found nowhere in the evidence
        "number_conflict",  // the closest sentence states other numbers
        "negation_conflict",// the closest sentence differs in negation
        "name_conflict",    // the closest sentence names something else
        "claim_length",     // log(1 + content tokens)
        "generic_cue",      // advice and hedging phrases ("it is important to note", "consult", "enjoy")
        "dense_x_lex",      // dense_max * lex_global
    ];

    public static int Count => Names.Count;

    [GeneratedRegex(
        @"\b(important|note that|keep in mind|additionally|overall|in summary|in conclusion|to summarize|recommended|recommend|consult|professional|enjoy|delicious|may vary|can vary|depending on|make sure|be sure|always|best to|also|help(s)? (to )?(ensure|prevent|avoid)|it is (also )?(a good idea|best|advisable)|you (can|may|might|could) also|remember)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GenericCuePattern();

    /// <summary>Stems ranked for choosing dense candidates: coverage of the claim by one sentence.</summary>
    public static double Coverage(SentenceFacts claim, IReadOnlySet<string> words)
    {
        if (claim.Words.Count == 0)
        {
            return 0;
        }

        var hit = 0;
        foreach (var word in claim.Words)
        {
            if (words.Contains(word))
            {
                hit++;
            }
        }

        return (double)hit / claim.Words.Count;
    }

    public static ClaimFeatures Compute(string claimText, SentenceFacts claim, float[]? claimVector, EvidenceSet evidence, IReadOnlySet<EvidenceSentence>? denseCandidates = null)
    {
        var values = new double[Count];
        values[16] = Math.Log(1 + claim.ContentCount);
        values[17] = GenericCuePattern().IsMatch(claimText) ? 1 : 0;
        values[10] = claim.Numbers.Count > 0 ? 1 : 0;
        if (evidence.IsEmpty)
        {
            values[9] = Math.Log(1 + claim.Words.Count);
            values[11] = claim.Numbers.Count > 0 ? 1 : 0;
            values[12] = claim.Names.Count > 0 ? 1 : 0;
            return new ClaimFeatures(values, null, null, ConflictKind.None);
        }

        var sentences = evidence.Sentences;
        double denseMax = 0, denseWindow = 0, lexBest = 0, lexWindow = 0, bigramWindow = 0, bestScore = double.MinValue;
        EvidenceSentence? best = null;
        string? bestText = null;
        float[]? centroid = claimVector is null ? null : new float[claimVector.Length];
        var window = new HashSet<string>(StringComparer.Ordinal);
        var windowBigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            var lex = Coverage(claim, sentence.Facts.Words);
            lexBest = Math.Max(lexBest, lex);
            var cos = 0.0;
            var dense = claimVector is not null && sentence.Vector is not null && (denseCandidates is null || denseCandidates.Contains(sentence));
            if (dense)
            {
                cos = Dot(claimVector!, sentence.Vector!);
                denseMax = Math.Max(denseMax, cos);
                Add(centroid!, sentence.Vector!);
            }

            var score = lex + cos;
            if (score > bestScore)
            {
                bestScore = score;
                best = sentence;
                bestText = sentence.Text;
            }

            var next = i + 1 < sentences.Count && sentences[i + 1].PassageIndex == sentence.PassageIndex
                && sentences[i + 1].Position == sentence.Position + 1 ? sentences[i + 1] : null;
            if (next is null)
            {
                bigramWindow = Math.Max(bigramWindow, Share(claim.Bigrams, sentence.Facts.Bigrams));
                lexWindow = Math.Max(lexWindow, lex);
                continue;
            }

            window.Clear();
            window.UnionWith(sentence.Facts.Words);
            window.UnionWith(next.Facts.Words);
            lexWindow = Math.Max(lexWindow, Coverage(claim, window));
            windowBigrams.Clear();
            windowBigrams.UnionWith(sentence.Facts.Bigrams);
            windowBigrams.UnionWith(next.Facts.Bigrams);
            bigramWindow = Math.Max(bigramWindow, Share(claim.Bigrams, windowBigrams));
            if (dense && next.Vector is not null && (denseCandidates is null || denseCandidates.Contains(next)))
            {
                denseWindow = Math.Max(denseWindow, PairCosine(claimVector!, sentence.Vector!, next.Vector));
            }
        }

        values[0] = denseMax;
        values[1] = Math.Max(denseWindow, denseMax);
        values[2] = centroid is null ? 0 : denseMax - CentroidCosine(claimVector!, centroid);
        values[3] = lexBest;
        values[4] = lexWindow;
        values[5] = Coverage(claim, evidence.Words);
        values[6] = IdfCoverage(claim, evidence);
        values[7] = bigramWindow;
        values[8] = Share(claim.Bigrams, evidence.Bigrams);
        values[9] = Math.Log(1 + claim.Words.Count(w => !evidence.Words.Contains(w)));
        values[11] = claim.Numbers.Count == 0 ? 0 : (double)claim.Numbers.Count(n => !evidence.Numbers.Contains(n) && !evidence.Words.Contains(n)) / claim.Numbers.Count;
        values[12] = claim.Names.Count == 0 ? 0 : (double)claim.Names.Count(n => !evidence.Words.Contains(n)) / claim.Names.Count;
        var conflict = best is null ? ConflictKind.None : FindConflict(claim, best.Facts, evidence);
        values[13] = conflict == ConflictKind.Number ? 1 : 0;
        values[14] = conflict == ConflictKind.Negation ? 1 : 0;
        values[15] = conflict == ConflictKind.Name ? 1 : 0;
        values[18] = denseMax * values[5];
        return new ClaimFeatures(values, best, bestText, conflict);
    }

    /// <summary>
    /// A conflict needs the sentence to be about the same thing (most of the claim's other words
    /// are in it) and to say something else: a number the claim lacks while the claim's own number
    /// appears nowhere in the evidence, the opposite polarity, or another name.
    /// </summary>
    private static ConflictKind FindConflict(SentenceFacts claim, SentenceFacts evidence, EvidenceSet all)
    {
        var plain = claim.Words.Where(w => !claim.Numbers.Contains(w)).ToArray();
        if (plain.Length == 0)
        {
            return ConflictKind.None;
        }

        var topical = (double)plain.Count(evidence.Words.Contains) / plain.Length;
        if (topical < 0.5)
        {
            return ConflictKind.None;
        }

        if (claim.Numbers.Any(n => !all.Numbers.Contains(n) && !all.Words.Contains(n)) && evidence.Numbers.Any(n => !claim.Numbers.Contains(n)))
        {
            return ConflictKind.Number;
        }

        if (claim.Negated != evidence.Negated && topical >= 0.6)
        {
            return ConflictKind.Negation;
        }

        if (claim.Names.Any(n => !all.Words.Contains(n)) && evidence.Names.Any(n => !claim.Names.Contains(n) && !claim.Words.Contains(n)))
        {
            return ConflictKind.Name;
        }

        return ConflictKind.None;
    }

    private static double IdfCoverage(SentenceFacts claim, EvidenceSet evidence)
    {
        if (claim.Words.Count == 0)
        {
            return 0;
        }

        var n = evidence.Sentences.Count;
        double hit = 0, total = 0;
        foreach (var word in claim.Words)
        {
            var df = evidence.DocumentFrequency.GetValueOrDefault(word);
            var weight = Math.Log(1 + (n / (1.0 + df)));
            total += weight;
            if (df > 0)
            {
                hit += weight;
            }
        }

        return total == 0 ? 0 : hit / total;
    }

    private static double Share(IReadOnlySet<string> items, IReadOnlySet<string> pool)
    {
        if (items.Count == 0)
        {
            return 1;
        }

        var hit = 0;
        foreach (var item in items)
        {
            if (pool.Contains(item))
            {
                hit++;
            }
        }

        return (double)hit / items.Count;
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Add(float[] target, float[] vector)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += vector[i];
        }
    }

    private static double PairCosine(float[] claim, float[] a, float[] b)
    {
        double dot = 0, norm = 0;
        for (var i = 0; i < claim.Length; i++)
        {
            var v = a[i] + b[i];
            dot += claim[i] * v;
            norm += v * v;
        }

        return norm == 0 ? 0 : dot / Math.Sqrt(norm);
    }

    private static double CentroidCosine(float[] claim, float[] centroid)
    {
        double dot = 0, norm = 0;
        for (var i = 0; i < claim.Length; i++)
        {
            dot += claim[i] * centroid[i];
            norm += centroid[i] * centroid[i];
        }

        return norm == 0 ? 0 : dot / Math.Sqrt(norm);
    }
}
