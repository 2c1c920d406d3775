using System.Text.RegularExpressions;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Prompting;

namespace Chatbot.AI.Extractive.Ranking;

/// <summary>
/// Measures candidate sentences against one question (see <see cref="SentenceFeatures"/>). What depends on
/// the question and on all candidates together (the question's words and names, how rare each word is among
/// the candidates, the best similarity) is worked out once, when the extractor is made; the candidates must
/// already be scored against the question (<see cref="CandidateScorer"/>).
/// </summary>
internal sealed partial class SentenceFeatureExtractor
{
    private readonly IReadOnlyList<AnswerCandidate> _candidates;
    private readonly bool _explains;
    private readonly HashSet<string> _questionWords;
    private readonly AnswerType _type;
    private readonly string? _defined;
    private readonly HashSet<string> _names;
    private readonly string[] _entities;
    private readonly Dictionary<int, double> _passageBest;
    private readonly double[] _rare;
    private readonly double _bestDense;
    private readonly double _bestRare;

    /// <summary>Analyses <paramref name="question"/> against the scored <paramref name="candidates"/>.</summary>
    public SentenceFeatureExtractor(string question, IReadOnlyList<AnswerCandidate> candidates)
    {
        _candidates = candidates;
        _explains = AnswerTypes.AsksHowOrWhy().IsMatch(question);
        _questionWords = ContentWords.Of(question);
        if (_explains && _questionWords.Count > 1)
        {
            _questionWords.Remove("work"); // "how does X work": the question's frame, not its subject
        }

        // A word few candidate sentences share tells more about which of them answers than a common one.
        var questionWords = _questionWords;
        var idf = questionWords.ToDictionary(
            w => w, w => Math.Log(1 + (candidates.Count / (1.0 + candidates.Count(c => c.Words.Contains(w))))), StringComparer.Ordinal);
        var idfTotal = idf.Values.Sum();
        _type = AnswerTypes.AnswerTypeOf(question);
        _defined = _type == AnswerType.None ? QuestionParts.DefinedSubject(question) : null;
        _names = AnswerTypes.CapitalizedWords(question);
        _entities = Token().Matches(question).Skip(1).Select(m => m.Value).Where(w => w.Length > 1 && w.Any(char.IsUpper)).ToArray();
        _passageBest = candidates.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.Max(c => c.Dense));
        _rare = candidates.Select(c => idfTotal == 0 ? 0 : questionWords.Where(c.Words.Contains).Sum(w => idf[w]) / idfTotal).ToArray();
        _bestDense = candidates.Max(c => c.Dense);
        _bestRare = _rare.Max();
    }

    /// <summary>What is measured of the candidate at <paramref name="index"/> in the list the extractor was made with.</summary>
    public SentenceFeatures Measure(int index)
    {
        var c = _candidates[index];
        var previous = c.PrecedingIn(_candidates).Select(p => p.Dense).DefaultIfEmpty(0).Max();
        var afterBest = previous >= _bestDense - 0.02 ? 1 : 0;
        var specific = Math.Min(1, AnswerTypes.CountSpecifics(c.Text) / 4.0);
        var typed = _type != AnswerType.None && AnswerTypes.Answers(_type, c.Text, _names) ? 1 : 0;
        var aboutSubject = _entities.Length == 0 ? 0 : _entities.Count(c.Mentions) / (double)_entities.Length;
        return new SentenceFeatures
        {
            Dense = c.Dense,
            Overlap = c.Overlap,
            RareOverlap = _rare[index],
            TitleOverlap = _questionWords.Count == 0 ? 0 : _questionWords.Count(c.TitleWords.Contains) / (double)_questionWords.Count,
            PassageRank = 1.0 / c.Source,
            Position = 1.0 / (1 + c.Index),
            AnswerType = typed,
            Defines = _defined is not null && AnswerTypes.Defines(c.Text, _defined) ? 1 : 0,
            NamesSubject = aboutSubject,
            Short = c.WordsShort / (double)AnswerCandidate.ShortSentenceWords,
            Long = Math.Max(0, c.WordCount - 30) / 40.0,
            PassageBest = _passageBest[c.Source],
            PreviousDense = previous,
            ExplainsAfter = _explains ? previous : 0,
            Pronoun = c.Context is null ? 0 : 1,
            Specific = specific,
            DenseGap = c.Dense - _bestDense,
            RareGap = _rare[index] - _bestRare,
            AfterBest = afterBest,
            ExplainsAfterBest = _explains ? afterBest : 0,
            ExplainsSpecific = _explains ? specific : 0,
            TypedAboutSubject = typed * aboutSubject,
        };
    }

    /// <summary>
    /// Whether <paramref name="candidate"/>, measured as <paramref name="features"/>, holds the kind of answer the
    /// question asks for about what the question names. With no name in the question ("Who proposed the
    /// transformer?"), "about" means sharing its words or title.
    /// </summary>
    public bool IsTypedAboutSubject(AnswerCandidate candidate, SentenceFeatures features) =>
        features.AnswerType == 1
        && (_entities.Length == 0 ? candidate.Words.Overlaps(_questionWords) || candidate.TitleWords.Overlaps(_questionWords) : features.NamesSubject > 0);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*")]
    private static partial Regex Token();
}
