using System.Text;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Documents;

namespace Chatbot.Tools.Benchmarks.Knowledge;

/// <summary>
/// Deterministic pseudo-text for scale tests: words drawn with a Zipf distribution from a generated
/// vocabulary mixed with real generative-AI terms, so BM25 posting lists look like real text.
/// </summary>
internal sealed class SyntheticCorpus
{
    private static readonly string[] _domainTerms =
    [
        "model", "transformer", "attention", "token", "embedding", "diffusion", "gradient", "training", "inference",
        "prompt", "context", "decoder", "encoder", "latent", "sampling", "temperature", "dataset", "benchmark",
        "alignment", "reward", "policy", "retrieval", "vector", "parameter", "layer", "neural", "network", "loss",
        "generator", "discriminator", "adversarial", "autoencoder", "variational", "noise", "image", "language",
        "hallucination", "bias", "fairness", "safety", "evaluation", "fine-tuning", "quantization", "distillation",
        "multimodal", "speech", "audio", "video", "agent", "reasoning", "chain", "thought", "instruction", "chat",
    ];

    private static readonly string[] _syllables =
    [
        "ka", "lo", "mi", "ren", "sa", "tor", "vel", "qua", "dri", "pen", "zo", "lux", "ar", "bel", "cor", "den",
        "fi", "gal", "hor", "is", "jun", "ker", "lam", "mor", "nex", "ob", "pra", "rix", "sol", "tem", "ul", "vor",
    ];

    private readonly Random _random;
    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;

    public SyntheticCorpus(int seed, int vocabularySize = 6000)
    {
        _random = new Random(seed);
        var words = new HashSet<string>(_domainTerms, StringComparer.Ordinal);
        while (words.Count < vocabularySize)
        {
            var sb = new StringBuilder();
            var syllables = _random.Next(2, 5);
            for (var i = 0; i < syllables; i++)
            {
                sb.Append(_syllables[_random.Next(_syllables.Length)]);
            }

            words.Add(sb.ToString());
        }

        // Shuffle so domain terms are spread over the frequency ranks.
        _vocabulary = [.. words];
        _random.Shuffle(_vocabulary);
        _cumulative = new double[_vocabulary.Length];
        var total = 0.0;
        for (var i = 0; i < _vocabulary.Length; i++)
        {
            total += 1.0 / (i + 1);
            _cumulative[i] = total;
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= total;
        }
    }

    public string Word()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return _vocabulary[index < 0 ? Math.Min(~index, _vocabulary.Length - 1) : index];
    }

    public string Words(int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Word());
        }

        return sb.ToString();
    }

    public string Paragraph(int words)
    {
        var sb = new StringBuilder();
        while (words > 0)
        {
            var length = Math.Min(words, _random.Next(8, 21));
            var sentence = Words(length);
            sb.Append(char.ToUpperInvariant(sentence[0])).Append(sentence, 1, sentence.Length - 1).Append(". ");
            words -= length;
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Chunks of pseudo-documents (ten chunks per document).</summary>
    public IEnumerable<KnowledgeChunk> Chunks(int count)
    {
        string title = string.Empty;
        for (var i = 0; i < count; i++)
        {
            var documentId = $"synthetic-{i / 10:D6}";
            if (i % 10 == 0)
            {
                title = Paragraph(_random.Next(3, 6)).TrimEnd('.');
            }

            var text = Paragraph(_random.Next(60, 200));
            yield return new KnowledgeChunk
            {
                Id = KnowledgeChunk.CreateId(documentId, i % 10),
                DocumentId = documentId,
                Ordinal = i % 10,
                Title = title,
                Url = $"https://example.org/{documentId}",
                Collection = i % 5 == 0 ? KnowledgeCollections.Pilot : KnowledgeCollections.BuiltIn,
                Section = Words(_random.Next(1, 4)),
                Start = 0,
                End = text.Length,
                Text = text,
            };
        }
    }

    /// <summary>A random unit vector.</summary>
    public float[] UnitVector(int dimensions)
    {
        var vector = new float[dimensions];
        var norm = 0.0;
        for (var i = 0; i < dimensions; i++)
        {
            // Sum of uniforms: close enough to Gaussian for direction sampling.
            var value = (float)(_random.NextDouble() + _random.NextDouble() + _random.NextDouble() - 1.5);
            vector[i] = value;
            norm += value * value;
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    /// <summary>A question-like query: a few words typical of the corpus.</summary>
    public string Query() => $"What is {Words(_random.Next(2, 6))} and how does {Words(_random.Next(1, 3))} work?";
}
