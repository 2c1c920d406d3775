using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Chatbot.AI.Prompting;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Text;

namespace Chatbot.AI.Extractive.Candidates;

/// <summary>
/// Finds the sentences of the numbered sources that the composer may quote: full sentences only, a list
/// item without its marker, a sentence that announces a list together with the list, and a sentence that
/// opens with a pronoun ranked with its passage's title.
/// </summary>
internal static partial class CandidateExtractor
{
    /// <summary>Most list sentences ("First, ... Second, ...") quoted after the sentence that announces them.</summary>
    private const int MaxListSentences = 5;

    /// <summary>Longer sentences are not quoted: they bury the answer. Only one sentence in the built-in articles is longer than 70 words (74).</summary>
    private const int MaxSentenceWords = 90;

    /// <summary>The quotable sentences of <paramref name="sources"/>, in source order and then sentence order.</summary>
    public static List<AnswerCandidate> Extract(IReadOnlyList<PromptSource> sources)
    {
        var candidates = new List<AnswerCandidate>();
        foreach (var source in sources)
        {
            // The index's sentences, split once at ingestion; a source from elsewhere is split here.
            var stored = source.Sentences.Count > 0 ? source.Sentences : null;
            var split = stored?.Select(s => s.Text) ?? SentenceSplitter.Default.Split(source.Text).Select(s => s.Text);

            // A list item ("- Unacceptable risk: banned practices, such as ...") is quoted without its marker.
            var sentences = split.Select(text => ListMarker().Replace(text.Trim(), string.Empty)).ToArray();
            for (var index = 0; index < sentences.Length; index++)
            {
                var text = sentences[index];
                var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

                // Headings, list stubs and fragments make poor quotes: keep full sentences only.
                if (words >= 6 && words <= MaxSentenceWords && text[^1] is '.' or '!' or '?' && char.IsUpper(text[0]) && !text.EndsWith(':'))
                {
                    // "The recipe has three steps." is quoted with the steps that follow it ("First, ... Second, ...").
                    // "Gemini 1.0 came in three sizes." is followed by one sentence that names all three.
                    var continuation = EnumerationLead().IsMatch(text)
                        ? sentences.Skip(index + 1).TakeWhile(next => OrdinalStart().IsMatch(next) && next.Split(' ').Length <= MaxSentenceWords).Take(MaxListSentences).ToArray()
                        : [];
                    if (continuation.Length == 0 && EnumerationLead().IsMatch(text) && index + 1 < sentences.Length && sentences[index + 1].Split(' ').Length <= MaxSentenceWords)
                    {
                        continuation = [sentences[index + 1]];
                    }

                    // "It was introduced in 2017 ..." says nothing about what "it" is: rank it with the passage title.
                    var context = LeadingPronoun().IsMatch(text) ? source.Title : null;
                    var ranked = string.Join(' ', new[] { context, text }.Concat(continuation).OfType<string>());
                    var candidate = new AnswerCandidate(source.Number, index, text, words, ContentWords.Of(ranked), context, continuation) { Title = source.Title, Previous = index > 0 ? sentences[index - 1] : string.Empty };
                    if (stored is not null)
                    {
                        candidate.Vector = RankingVector(stored, index, continuation.Length, context is null ? default : source.Vector, context);
                    }

                    candidates.Add(candidate);
                }
            }
        }

        return candidates;
    }

    /// <summary>
    /// The vector of what a candidate is ranked by (<see cref="AnswerCandidate.RankingText"/>), from stored vectors: the
    /// sentence's, plus the sentences of a list it announces and, for a sentence that opens with a pronoun, the passage's
    /// (its title's stand-in), each weighted by its words, as mean pooling would weigh them.
    /// </summary>
    private static float[] RankingVector(IReadOnlyList<ChunkSentence> stored, int index, int continuation, ReadOnlyMemory<float> passage, string? context)
    {
        var sentence = stored[index].Vector.Span;
        if (continuation == 0 && passage.IsEmpty)
        {
            // The index's own array, as it is: candidates only read it.
            return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(stored[index].Vector, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : sentence.ToArray();
        }

        var sum = new float[sentence.Length];
        for (var i = index; i <= index + continuation && i < stored.Count; i++)
        {
            TensorPrimitives.MultiplyAdd(stored[i].Vector.Span, WordCount(stored[i].Text), sum, sum);
        }

        if (!passage.IsEmpty && context is not null)
        {
            TensorPrimitives.MultiplyAdd(passage.Span, WordCount(context), sum, sum);
        }

        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    // "The recipe has three steps.", "It works in two stages.", "There are several kinds."
    [GeneratedRegex(@"\b(?:two|three|four|five|six|several|the following)\s+(?:[\w\-]+\s+){0,2}[\w\-]+s\.$", RegexOptions.IgnoreCase)]
    private static partial Regex EnumerationLead();

    [GeneratedRegex(@"^(?:[-*+•]|\d{1,2}[.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^(?:First|Second|Third|Fourth|Fifth|Sixth|Finally|Lastly|Next|Then)\b")]
    private static partial Regex OrdinalStart();

    [GeneratedRegex(@"^(?:It|Its|They|Their|This|These|He|She|His|Her)\b|^[^,]{0,60},\s+(?:it|they|he|she)\b")]
    private static partial Regex LeadingPronoun();
}
