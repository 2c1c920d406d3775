using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.Grounding.Model;

namespace Chatbot.AI.Extractive;

/// <summary>
/// The word lists behind <see cref="AnswerTypes"/>, read from the embedded <c>answer-cues.json</c>, and the patterns
/// built from them: which questions ask who, when, how many, why or for a paper, and which sentences name an agent,
/// give a cause or define something. The lists are data, so a new cue ("which guild …") is a line in the file with a
/// test on made-up names, not a code edit.
/// </summary>
internal sealed class AnswerCues
{
    private const string ResourceName = "Chatbot.AI.Extractive.answer-cues.json";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Lazy<AnswerCues> s_default = new(() => FromJson(EmbeddedResource.ReadText(typeof(AnswerCues).Assembly, ResourceName)));

    private AnswerCues(Lists lists)
    {
        ClauseWords = lists.ClauseWords;

        // "which EU body", "what two companies": up to two words between "which/what" and the noun, none of them a verb.
        AsksWho = new Regex(
            $@"\bwho\b|\bwhose\b|\b(?:which|what)\s+(?:(?!(?:is|are|was|were|do|does|did|has|have|the|an?)\b)[\w\-]+\s+){{0,2}}?{Any(lists.WhoNouns)}\b", Options);
        AsksWhen = new Regex($@"\bwhen\b|\b(?:what|which) {Any(lists.WhenNouns)}\b", Options);
        AsksWhichPaper = new Regex($@"\b(?:which|what) {Any(lists.PaperNouns)}\b", Options);
        AsksHowMany = new Regex($@"\bhow {Any(lists.HowManyWords)}\b|\bwhat {Any(lists.SizeNouns)}\b", Options);
        AsksWhy = new Regex($@"\b{Any(lists.WhyCues)}\b", Options);
        HasCause = new Regex($@"\b{Any(lists.CauseCues)}\b", Options);

        // "How does X work?", "why does … happen", "explain how RAG works": an explanation. "How long did the alignment
        // work take?" asks for a fact.
        AsksHowOrWhy = new Regex(
            $@"^\W*(?:how\s+(?:do|does|did|is|are|can|could|would|will)\b|why\b)|\bhow\b(?!\s+{Any(lists.FactHowWords)}\b).*\bwork(?:s|ing)?\b", Options);

        // Someone doing something: "by OpenAI", "Kingma and Welling introduced". Case matters: names are capitalised.
        HasAgent = new Regex(
            $@"\b(?:by|from|at)\s+(?:the\s+)?\p{{Lu}}\p{{Ll}}|\p{{Lu}}\p{{Ll}}[\p{{L}}\-]*\s+(?:\w+\s+){{0,3}}{Any(lists.AgentVerbs)}\b",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        // After the subject: an aside in brackets or commas, then the defining verb, and not a description of how common
        // or how used the thing is ("Zeta engines are now common …").
        DefinitionVerb = new Regex(
            $@"^\s*(?:\([^)]{{0,80}}\)\s*)?(?:,[^,]{{0,80}},\s*)?(?:(?:is|are|was|were)\s+(?!{Any(lists.NotDefiningWords)}\b)|refers to\b|means\b|describes\b)",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    /// <summary>The cues that ship with the library.</summary>
    public static AnswerCues Default => s_default.Value;

    public Regex AsksWho { get; }

    public Regex AsksWhen { get; }

    public Regex AsksWhichPaper { get; }

    public Regex AsksHowMany { get; }

    public Regex AsksWhy { get; }

    public Regex AsksHowOrWhy { get; }

    public Regex HasCause { get; }

    public Regex HasAgent { get; }

    public Regex DefinitionVerb { get; }

    /// <summary>Capitalised words that start clauses or name months rather than a person or an organisation.</summary>
    public IReadOnlyList<string> ClauseWords { get; }

    /// <summary>Reads cues from JSON with the lists of <c>answer-cues.json</c>; a missing or empty list is an error.</summary>
    public static AnswerCues FromJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        var lists = JsonSerializer.Deserialize<Lists>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new FormatException("The answer cues are empty.");
        var empty = typeof(Lists).GetProperties().Where(p => p.GetValue(lists) is not string[] { Length: > 0 }).Select(p => p.Name).ToList();
        return empty.Count > 0 ? throw new FormatException($"The answer cues need every list; missing or empty: {string.Join(", ", empty)}.") : new AnswerCues(lists);
    }

    /// <summary>A non-capturing alternation of the words, longest first so "caused by" is tried before "cause".</summary>
    private static string Any(IEnumerable<string> words) =>
        "(?:" + string.Join('|', words.OrderByDescending(w => w.Length).Select(w => Regex.Escape(w).Replace("\\ ", "\\s+", StringComparison.Ordinal))) + ")";

    private sealed record Lists(
        string[] WhoNouns,
        string[] WhenNouns,
        string[] PaperNouns,
        string[] HowManyWords,
        string[] SizeNouns,
        string[] FactHowWords,
        string[] WhyCues,
        string[] CauseCues,
        string[] AgentVerbs,
        string[] NotDefiningWords,
        string[] ClauseWords);
}
