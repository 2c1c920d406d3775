using System.Text.RegularExpressions;

namespace Chatbot.Grounding.Text;

/// <summary>The words of a sentence with their positions, read by the same rules as <see cref="Analyze"/>.</summary>
internal static partial class TextAnalyzer
{
    /// <summary>
    /// Every word of <paramref name="sentence"/> with its offset and the keys <see cref="Analyze"/> counts for it (stems
    /// and normalised numbers), so that a word can be looked up in the evidence's facts and marked where it stands.
    /// A leading list marker yields no token; offsets are in <paramref name="sentence"/> as given.
    /// </summary>
    public static IReadOnlyList<WordToken> Tokenize(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var prefix = ListPrefixPattern().Match(sentence);
        var skip = prefix.Success && prefix.Index == 0 ? prefix.Length : 0;
        var text = sentence[skip..];
        var tokens = new List<WordToken>();
        var first = true;
        foreach (Match match in WordPattern().Matches(text))
        {
            var raw = match.Value;
            var lower = raw.ToLowerInvariant().Replace('’', '\'');
            var sentenceInitial = first || PrecededByColon(text, match.Index);
            first = false;
            var negation = NegationWords.Contains(lower) || lower.EndsWith("n't", StringComparison.Ordinal);
            var keys = new List<string>();
            var number = false;
            if (!negation)
            {
                foreach (var part in SplitToken(lower))
                {
                    if (TryNumber(part, out var normalised))
                    {
                        keys.Add(normalised);
                        number = true;
                    }
                    else if (!Stopwords.Contains(part) && part.Length >= 2)
                    {
                        keys.Add(WordStemmer.Stem(part));
                        number |= Months.Contains(part);
                    }
                }
            }

            var name = !negation && IsName(raw, sentenceInitial) && !Stopwords.Contains(lower) ? WordStemmer.Stem(lower) : null;
            tokens.Add(new WordToken(skip + match.Index, match.Length, raw, keys, negation, number, name));
        }

        return tokens;
    }
}

/// <summary>One word of a sentence as <see cref="TextAnalyzer.Tokenize"/> reads it.</summary>
/// <param name="Start">Offset in the sentence.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Raw">The word as written.</param>
/// <param name="Keys">Its content stems and normalised numbers (empty for stopwords and negations).</param>
/// <param name="Negation">Whether it is a negation ("not", "never", "-n't", ...).</param>
/// <param name="Number">Whether it holds a number, ordinal or month/day name.</param>
/// <param name="Name">The stem under which it counts as a name (capitalised mid-sentence, or an acronym); else null.</param>
internal sealed record WordToken(int Start, int Length, string Raw, IReadOnlyList<string> Keys, bool Negation, bool Number, string? Name)
{
    public int End => Start + Length;

    /// <summary>True for a word with no content key (a stopword, a negation, a single letter).</summary>
    public bool IsStop => Keys.Count == 0;
}
