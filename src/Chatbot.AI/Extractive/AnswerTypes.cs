using System.Text.RegularExpressions;

namespace Chatbot.AI.Extractive;

/// <summary>
/// Recognises what a question asks for and whether a sentence holds that kind of answer, as classic
/// extractive question answering does: a "when" question wants a date, "who" a named agent, "how many"
/// an amount, "why" a cause, "which paper" a quoted title, and "what is X?" a sentence that defines X.
/// </summary>
internal static partial class AnswerTypes
{
    /// <summary>What kind of answer a question (or one part of it) asks for.</summary>
    public static AnswerType AnswerTypeOf(string part) =>
        AsksWhen().IsMatch(part) ? AnswerType.When
        : AsksWhichPaper().IsMatch(part) ? AnswerType.Title
        : AsksWho().IsMatch(part) ? AnswerType.Who
        : AsksHowMany().IsMatch(part) ? AnswerType.HowMany
        : AsksWhy().IsMatch(part) ? AnswerType.Why
        : AnswerType.None;

    /// <summary>True when <paramref name="sentence"/> holds the kind of answer <paramref name="type"/> asks for.</summary>
    public static bool Answers(AnswerType type, string sentence, HashSet<string> questionNames) => type switch
    {
        AnswerType.When => HasDate().IsMatch(sentence),
        AnswerType.Who => HasNewName(sentence, questionNames) && HasAgent().IsMatch(sentence),
        AnswerType.Title => sentence.Contains('\u201C') || sentence.Contains('"'),
        AnswerType.HowMany => HasQuantity().IsMatch(sentence),
        AnswerType.Why => HasCause().IsMatch(sentence),
        _ => false,
    };

    /// <summary>True for a sentence that defines <paramref name="subject"/>: "A transformer is ...", "Diffusion models (...) are ...".</summary>
    public static bool Defines(string sentence, string subject)
    {
        var text = LeadingArticle().Replace(sentence, string.Empty);
        var forms = new[] { subject, subject.EndsWith('s') ? subject[..^1] : subject + "s" };
        foreach (var form in forms)
        {
            if (text.StartsWith(form, StringComparison.OrdinalIgnoreCase) && DefinitionVerb().IsMatch(text[form.Length..]))
            {
                return true;
            }
        }

        // "A generative adversarial network (GAN) is ..." defines "GAN" too.
        var spelledOut = SpelledOutSubject().Match(text);
        return spelledOut.Success
            && forms.Any(form => spelledOut.Groups["abbreviation"].Value.Equals(form, StringComparison.OrdinalIgnoreCase))
            && DefinitionVerb().IsMatch(text[(spelledOut.Index + spelledOut.Length)..]);
    }

    /// <summary>
    /// True when the sentence names someone the question does not: a capitalised word with lower-case
    /// letters after the first word ("Kingma", "OpenAI"), or a quoted title. Acronyms such as VAE do not count.
    /// </summary>
    public static bool HasNewName(string sentence, HashSet<string> questionNames)
    {
        foreach (Match match in NameWord().Matches(sentence))
        {
            if (match.Index > 0 && !questionNames.Contains(match.Value) && !s_sentenceWords.Contains(match.Value))
            {
                return true;
            }
        }

        return sentence.Contains('\u201C') || sentence.Contains('"');
    }

    /// <summary>How many names (after the first word), dates and amounts <paramref name="sentence"/> holds: how specific it is.</summary>
    public static int CountSpecifics(string sentence) =>
        NameWord().Matches(sentence).Count(m => m.Index > 0 && !s_sentenceWords.Contains(m.Value))
        + HasDate().Count(sentence)
        + HasQuantity().Count(sentence);

    /// <summary>The capitalised words of <paramref name="text"/> (names, in the sense of <see cref="HasNewName"/>).</summary>
    public static HashSet<string> CapitalizedWords(string text) =>
        new(NameWord().Matches(text).Select(m => m.Value), StringComparer.OrdinalIgnoreCase);

    // Capitalised words that start clauses or months rather than name a person or an organisation.
    private static readonly HashSet<string> s_sentenceWords = new(AnswerCues.Default.ClauseWords, StringComparer.Ordinal);

    // "How does X work?", "how do vision models understand images", "why does ... happen", "explain how RAG works": an
    // explanation, not a fact. "How long did the alignment work take?" asks for a fact.
    public static Regex AsksHowOrWhy() => AnswerCues.Default.AsksHowOrWhy;

    [GeneratedRegex(@"^(?:an?|the)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingArticle();

    [GeneratedRegex(@"^[^()]{3,80}\((?<abbreviation>[^)]{1,20})\)")]
    private static partial Regex SpelledOutSubject();

    // After the subject: an optional aside in brackets or commas, then the defining verb, and not a
    // description of how common or how used the thing is ("Zeta engines are now common ...").
    private static Regex DefinitionVerb() => AnswerCues.Default.DefinitionVerb;

    private static Regex AsksWhichPaper() => AnswerCues.Default.AsksWhichPaper;

    // Someone doing something: "by OpenAI", "Kingma and Welling introduced", "developed at Google".
    private static Regex HasAgent() => AnswerCues.Default.HasAgent;

    public static Regex AsksWhen() => AnswerCues.Default.AsksWhen;

    public static Regex AsksWho() => AnswerCues.Default.AsksWho;

    public static Regex AsksHowMany() => AnswerCues.Default.AsksHowMany;

    [GeneratedRegex(@"\b(?:1[89]|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")]
    public static partial Regex HasDate();

    // An amount, not a year or a version: "175 billion", "12-billion-parameter", "7%", "1,200 songs", "three million".
    // Case-sensitive on purpose: the counted noun is lower-case, so "5 January" and "2022 DeepMind" are not amounts.
    [GeneratedRegex(@"(?<![\w\-\.])\d[\d,\.]*(?:\s*%|\s*-?\s*(?:billion|million|thousand|trillion|percent)\b|\s+(?!(?:and|or|to|in|on|at|by|for|the|a|an)\b)[a-z]+\b)|\b(?:hundred|thousand|million|billion|trillion)s?\b")]
    public static partial Regex HasQuantity();

    [GeneratedRegex(@"\b\p{Lu}\p{Ll}[\p{L}\-]*")]
    private static partial Regex NameWord();

    public static Regex AsksWhy() => AnswerCues.Default.AsksWhy;

    public static Regex HasCause() => AnswerCues.Default.HasCause;
}
