namespace Chatbot.Grounding.Text;

/// <summary>What <see cref="TextAnalyzer"/> read from one sentence.</summary>
/// <param name="Words">Content-word stems and numbers (stopwords and negations removed).</param>
/// <param name="Bigrams">Adjacent pairs of content stems, joined by a space.</param>
/// <param name="Numbers">Normalised numbers, ordinals and month/day names.</param>
/// <param name="Names">Stems of capitalised words that are not sentence-initial, and acronyms.</param>
/// <param name="Negated">Whether the sentence holds a negation ("not", "never", "no", "-n't", ...).</param>
/// <param name="ContentCount">How many content tokens the sentence has, repeats included.</param>
internal sealed record SentenceFacts(
    IReadOnlySet<string> Words,
    IReadOnlySet<string> Bigrams,
    IReadOnlySet<string> Numbers,
    IReadOnlySet<string> Names,
    bool Negated,
    int ContentCount);
