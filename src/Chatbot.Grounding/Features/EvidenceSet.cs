namespace Chatbot.Grounding.Features;

/// <summary>The evidence sentences a claim is checked against, with the union of their facts.</summary>
internal sealed class EvidenceSet
{
    public EvidenceSet(IReadOnlyList<EvidenceSentence> sentences)
    {
        Sentences = sentences;
        var words = new HashSet<string>(StringComparer.Ordinal);
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            words.UnionWith(sentence.Facts.Words);
            bigrams.UnionWith(sentence.Facts.Bigrams);
            numbers.UnionWith(sentence.Facts.Numbers);
            foreach (var word in sentence.Facts.Words)
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
            }
        }

        Words = words;
        Bigrams = bigrams;
        Numbers = numbers;
        DocumentFrequency = frequency;
    }

    public IReadOnlyList<EvidenceSentence> Sentences { get; }

    public IReadOnlySet<string> Words { get; }

    public IReadOnlySet<string> Bigrams { get; }

    public IReadOnlySet<string> Numbers { get; }

    /// <summary>In how many evidence sentences each stem occurs.</summary>
    public IReadOnlyDictionary<string, int> DocumentFrequency { get; }

    public bool IsEmpty => Sentences.Count == 0;
}
