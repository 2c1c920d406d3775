namespace Chatbot.AI.Extractive.Candidates;

/// <summary>
/// A source sentence the extractive composer may quote, with what scoring and ranking found out about it
/// for the question at hand (the mutable properties, rewritten for each query it is scored against).
/// </summary>
internal sealed class AnswerCandidate(int source, int index, string text, int wordCount, HashSet<string> words, string? context, string[] continuation)
{
    /// <summary>Sentences shorter than this many words usually announce what follows and say little on their own.</summary>
    public const int ShortSentenceWords = 9;

    /// <summary>The source's title (document and section).</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The content words of <see cref="Title"/>: what the sentence is about when it does not say.</summary>
    public HashSet<string> TitleWords => field ??= ContentWords.Of(Title);

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

    /// <summary>The sentence, and the list it announces, each followed by its source's number: "It has two steps. [3] First, ... [3]".</summary>
    public string Cited => string.Join(' ', Continuation.Prepend(Text).Select(sentence => $"{sentence} [{Source}]"));

    /// <summary>How many words the sentence falls short of <see cref="ShortSentenceWords"/>; none when it announces a list it is quoted with.</summary>
    public int WordsShort => Continuation.Length > 0 ? 0 : Math.Max(0, ShortSentenceWords - WordCount);

    /// <summary>The candidates among <paramref name="candidates"/> one or two sentences before this one in its passage.</summary>
    public IEnumerable<AnswerCandidate> PrecedingIn(IEnumerable<AnswerCandidate> candidates) =>
        candidates.Where(p => p.Source == Source && Index - p.Index is 1 or 2);

    /// <summary>The number of the source it comes from.</summary>
    public int Source { get; } = source;

    /// <summary>Its position among the source's sentences (counting those that are not candidates).</summary>
    public int Index { get; } = index;

    /// <summary>The sentence as quoted, without a list marker.</summary>
    public string Text { get; } = text;

    /// <summary>How many words <see cref="Text"/> has.</summary>
    public int WordCount { get; } = wordCount;

    /// <summary>The content words of the sentence with its context and continuation.</summary>
    public HashSet<string> Words { get; } = words;

    /// <summary>The embedding of <see cref="RankingText"/>; null until the candidate is first scored (see <see cref="CandidateScorer"/>).</summary>
    public float[] Vector { get; set; } = null!;

    /// <summary>Cosine similarity to the question.</summary>
    public double Dense { get; set; }

    /// <summary>Share of the question's content words the sentence holds.</summary>
    public double Overlap { get; set; }

    /// <summary>Whether the sentence is relevant at all: dense similarity and word overlap, hand-weighed; gates "not covered".</summary>
    public double Relevance { get; set; }

    /// <summary>Whether the sentence may be quoted in an answer: relevant itself, or right after a relevant sentence of its passage.</summary>
    public bool Admissible { get; set; }

    /// <summary>Whether the sentence holds the kind of answer the question asks for (a date, a name, an amount ...) about something it names.</summary>
    public bool TypedAboutSubject { get; set; }

    /// <summary>The ranker's score: the log-odds that the sentence holds the answer.</summary>
    public double Rank { get; set; }
}
