using System.Text.RegularExpressions;
using Chatbot.Grounding.Text;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Text;
using Microsoft.Extensions.AI;

namespace Chatbot.Grounding.Features;

/// <summary>
/// Splits the answer and the passages into sentences, picks for each claim the evidence sentences
/// worth embedding (the best lexical matches), embeds them in one batch and computes the features.
/// </summary>
internal sealed partial class GroundingAnalyzer(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    int denseCandidates,
    bool denseNeighbours)
{
    /// <summary>Lexical analysis of every claim (cheap); dense features come later, for the claims that need them.</summary>
    public GroundingAnalysis Analyze(string answer, IReadOnlyList<GroundingSource> sources, IReadOnlyList<string> otherPassages)
    {
        var splitter = SentenceSplitter.Default;
        var evidence = new List<EvidenceSentence>();
        var passage = 0;
        foreach (var source in sources)
        {
            if (source.Sentences.Count > 0)
            {
                AddStoredPassage(evidence, source.Number, passage++, source.Sentences);
            }
            else
            {
                AddPassage(evidence, source.Number, passage++, source.Text, splitter);
            }
        }

        foreach (var text in otherPassages)
        {
            AddPassage(evidence, null, passage++, text, splitter);
        }

        var numbers = sources.Select(s => s.Number).ToHashSet();
        var analysis = new GroundingAnalysis(evidence, new EvidenceSet(evidence));
        foreach (var sentence in splitter.Split(answer))
        {
            var claim = new ClaimAnalysis(sentence, ClaimDetector.IsClaim(sentence.Text), TextAnalyzer.Analyze(sentence.Text))
            {
                MissingCitations = sentence.Citations.Where(n => !numbers.Contains(n)).ToArray(),
            };
            analysis.Claims.Add(claim);
            if (!claim.IsClaim)
            {
                continue;
            }

            var cited = sentence.Citations.Where(numbers.Contains).ToHashSet();
            if (cited.Count > 0)
            {
                analysis.CitedSets[claim] = new EvidenceSet(evidence.Where(e => e.SourceNumber is { } n && cited.Contains(n)).ToArray());
            }

            Compute(analysis, claim, null);
        }

        return analysis;
    }

    /// <summary>Analyses and adds dense features to every claim (training, and checks without a lexical stage).</summary>
    public async Task<IReadOnlyList<ClaimAnalysis>> AnalyzeAsync(
        string answer,
        IReadOnlyList<GroundingSource> sources,
        IReadOnlyList<string> otherPassages,
        CancellationToken cancellationToken)
    {
        var analysis = Analyze(answer, sources, otherPassages);
        await AddDenseAsync(analysis, analysis.Claims.Where(c => c.IsClaim).ToArray(), cancellationToken).ConfigureAwait(false);
        return analysis.Claims;
    }

    /// <summary>Embeds the given claims and their best lexical evidence sentences in one batch and recomputes their features.</summary>
    public async Task AddDenseAsync(
        GroundingAnalysis analysis,
        IReadOnlyList<ClaimAnalysis> claims,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, float[]>? knownVectors = null)
    {
        if (claims.Count == 0)
        {
            return;
        }

        // Each claim is compared only with its own candidates, so its dense features do not depend on the other claims.
        var wanted = new HashSet<EvidenceSentence>();
        var candidates = new Dictionary<ClaimAnalysis, HashSet<EvidenceSentence>>();
        foreach (var claim in claims)
        {
            var own = new HashSet<EvidenceSentence>();
            MarkCandidates(claim.Facts, analysis.Evidence, own);
            if (analysis.CitedSets.TryGetValue(claim, out var subset))
            {
                MarkCandidates(claim.Facts, subset.Sentences, own);
            }

            candidates[claim] = own;
            wanted.UnionWith(own);
        }

        var claimVectors = await EmbedAsync(claims, wanted, analysis.Evidence, knownVectors, cancellationToken).ConfigureAwait(false);
        foreach (var claim in claims)
        {
            Compute(analysis, claim, claimVectors[claim], candidates[claim]);
            claim.HasDense = true;
        }
    }

    private static void Compute(GroundingAnalysis analysis, ClaimAnalysis claim, float[]? vector, IReadOnlySet<EvidenceSentence>? candidates = null)
    {
        var text = TextAnalyzer.StripListPrefix(claim.Sentence.Text);
        claim.All = FeatureExtractor.Compute(text, claim.Facts, vector, analysis.All, candidates);
        if (analysis.CitedSets.TryGetValue(claim, out var subset))
        {
            claim.Cited = FeatureExtractor.Compute(text, claim.Facts, vector, subset, candidates);
        }
    }

    private static void AddPassage(List<EvidenceSentence> evidence, int? number, int passage, string text, SentenceSplitter splitter)
    {
        var position = 0;
        foreach (var sentence in splitter.Split(text))
        {
            var facts = TextAnalyzer.Analyze(sentence.Text);
            if (facts.ContentCount == 0)
            {
                continue;
            }

            evidence.Add(new EvidenceSentence(number, passage, position++, sentence.Text, facts));
        }
    }

    private static void AddStoredPassage(List<EvidenceSentence> evidence, int? number, int passage, IReadOnlyList<ChunkSentence> sentences)
    {
        var position = 0;
        foreach (var sentence in sentences)
        {
            var facts = TextAnalyzer.Analyze(sentence.Text);
            if (facts.ContentCount == 0)
            {
                continue;
            }

            evidence.Add(new EvidenceSentence(number, passage, position++, sentence.Text, facts) { Vector = ArrayOf(sentence.Vector) });
        }
    }

    /// <summary>The vector's own array when it has one (the index's vectors do), so reading it copies nothing.</summary>
    private static float[] ArrayOf(ReadOnlyMemory<float> vector) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(vector, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : vector.ToArray();

    private void MarkCandidates(SentenceFacts claim, IReadOnlyList<EvidenceSentence> pool, HashSet<EvidenceSentence> wanted)
    {
        if (denseCandidates <= 0 || pool.Count <= denseCandidates)
        {
            AddWithNeighbours(pool, Enumerable.Range(0, pool.Count), wanted);
            return;
        }

        var ranked = Enumerable.Range(0, pool.Count)
            .Select(i => (Index: i, Score: FeatureExtractor.Coverage(claim, pool[i].Facts.Words) + (0.01 * claim.Bigrams.Count(pool[i].Facts.Bigrams.Contains))))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .Take(denseCandidates)
            .Select(x => x.Index);
        AddWithNeighbours(pool, ranked, wanted);
    }

    private void AddWithNeighbours(IReadOnlyList<EvidenceSentence> pool, IEnumerable<int> indexes, HashSet<EvidenceSentence> wanted)
    {
        foreach (var i in indexes)
        {
            wanted.Add(pool[i]);
            if (denseNeighbours && i + 1 < pool.Count && pool[i + 1].PassageIndex == pool[i].PassageIndex)
            {
                wanted.Add(pool[i + 1]);
            }
        }
    }

    private async Task<Dictionary<ClaimAnalysis, float[]>> EmbedAsync(
        IReadOnlyList<ClaimAnalysis> claims,
        HashSet<EvidenceSentence> wanted,
        IReadOnlyList<EvidenceSentence> evidence,
        IReadOnlyDictionary<string, float[]>? knownVectors,
        CancellationToken cancellationToken)
    {
        // One batch for the whole check; each distinct text is embedded once (across checks, the embedding pipeline's cache remembers).
        // Vectors the index stored for source sentences, and those the caller already has (the user's own claim), are not
        // embedded again: an answer that quotes its sources verbatim costs no embedding at all.
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var stored in evidence)
        {
            if (stored.Vector is { } vector)
            {
                vectors.TryAdd(stored.Text, vector);
                vectors.TryAdd(ChunkSentence.EmbeddedText(stored.Text), vector);
            }
        }

        foreach (var (text, vector) in knownVectors ?? new Dictionary<string, float[]>())
        {
            vectors.TryAdd(text, vector);
        }

        // A sentence that frames a verbatim quote of a source sentence ("My sources say otherwise, namely “…”.") claims
        // what the quote says: it is compared by the quoted sentence's vector.
        var byQuote = evidence.Where(e => e.Vector is not null).GroupBy(e => Bare(e.Text)).ToDictionary(g => g.Key, g => g.First().Vector!, StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            var text = TextAnalyzer.StripListPrefix(claim.Sentence.Text);
            if (!vectors.ContainsKey(text) && QuotedSentence(text, byQuote) is { } quoted)
            {
                vectors[text] = quoted;
            }
        }

        var pending = new List<string>();
        void Want(string text)
        {
            if (vectors.ContainsKey(text) || pending.Contains(text))
            {
                return;
            }

            pending.Add(text);
        }

        var claimTexts = new Dictionary<ClaimAnalysis, string>();
        foreach (var claim in claims)
        {
            var text = TextAnalyzer.StripListPrefix(claim.Sentence.Text);
            claimTexts[claim] = text;
            Want(text);
        }

        foreach (var sentence in wanted)
        {
            Want(sentence.Text);
        }

        if (pending.Count > 0)
        {
            // Some generators (ONNX Runtime) report a cancelled token as their own error; fail the usual way first.
            cancellationToken.ThrowIfCancellationRequested();
            var generated = await embedder.GenerateAsync(pending, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (generated.Count != pending.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {generated.Count} vectors for {pending.Count} texts.");
            }

            for (var i = 0; i < pending.Count; i++)
            {
                var vector = Normalize(generated[i].Vector.ToArray());
                vectors[pending[i]] = vector;
            }
        }

        foreach (var sentence in wanted)
        {
            sentence.Vector ??= vectors[sentence.Text];
        }

        return claimTexts.ToDictionary(pair => pair.Key, pair => vectors[pair.Value]);
    }

    /// <summary>The vector of the first source sentence <paramref name="claim"/> quotes whole, in double or curly quotes; null when it quotes none.</summary>
    private static float[]? QuotedSentence(string claim, Dictionary<string, float[]> byQuote)
    {
        foreach (Match match in Quotation().Matches(claim))
        {
            if (byQuote.TryGetValue(Bare(match.Groups["q"].Value), out var vector))
            {
                return vector;
            }
        }

        return null;
    }

    private static string Bare(string sentence) => sentence.Trim().TrimEnd('.', '!', '?').Trim();

    [GeneratedRegex(@"[“""](?<q>[^”""]{12,})[”""]")]
    private static partial Regex Quotation();

    internal static float[] Normalize(float[] vector)
    {
        double norm = 0;
        foreach (var v in vector)
        {
            norm += v * v;
        }

        if (norm == 0 || Math.Abs(norm - 1) < 1e-4)
        {
            return vector;
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }
}
