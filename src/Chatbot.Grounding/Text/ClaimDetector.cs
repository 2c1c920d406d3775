using System.Text.RegularExpressions;

namespace Chatbot.Grounding.Text;

/// <summary>
/// Tells sentences that assert something from those that do not: questions, greetings, thanks,
/// "I don't know", "the sources do not cover this", and lead-ins that end with a colon.
/// Those are never flagged.
/// </summary>
public static partial class ClaimDetector
{
    [GeneratedRegex(
        @"^(hi|hello|hey|greetings|thanks?|thank you|you're welcome|glad to help|happy to help|sure|certainly|of course|good (morning|afternoon|evening))\b[^.]{0,40}[.!]?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GreetingPattern();

    [GeneratedRegex(
        @"\b(i (do not|don't|cannot|can't) (know|say|tell|answer|find|help)|i'm not sure|i am not sure|i'm sorry|i am sorry|i apologi[sz]e|(feel free|don't hesitate) to ask|let me know if|hope (this|that) helps|(is|are) not (mentioned|covered|specified|stated|provided|included|addressed|discussed|given)|(do|does|did) not (mention|cover|specify|state|provide|include|address|discuss|say|contain)|(don't|doesn't|didn't) (mention|cover|specify|state|provide|include|address|discuss|say|contain)|no (information|mention|details?|data) (about|on|regarding|is|was|of|in)|not enough information|insufficient information|cannot be determined|can't be determined|unable to (answer|determine|find))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonAnswerPattern();

    [GeneratedRegex(@"\b(passages?|sources?|context|documents?|knowledge base|information provided|text)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceWordPattern();

    // Words of sentences about the answer itself ("This information can be found in passage 3.",
    // "Based on the given passages, the answer to the question ... is as follows").
    internal static readonly HashSet<string> MetaStems = new(
        new[]
        {
            "answer", "answers", "question", "information", "found", "find", "summarized", "summarize", "summary", "above", "below",
            "text", "document", "documents", "context", "refer", "described", "outlined", "listed", "steps", "step", "therefore",
            "conclusion", "follows", "overall", "provide", "provides", "answered", "query", "help", "helpful", "hope",
            "details", "detailed", "specific", "specifically", "directly", "clear", "possible", "here", "response",
        }.Select(WordStemmer.Stem),
        StringComparer.Ordinal);

    [GeneratedRegex(@"[""“][^""”]*[""”]", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPattern();

    /// <summary>True when <paramref name="sentence"/> states something that could be checked against sources.</summary>
    public static bool IsClaim(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var text = TextAnalyzer.StripListPrefix(sentence.Trim());
        if (text.Length == 0 || text.EndsWith('?'))
        {
            return false;
        }

        if (GreetingPattern().IsMatch(text))
        {
            return false;
        }

        // A lead-in ("Here are the steps:", "Based on the passages, ...:") announces, it does not assert.
        if (text.EndsWith(':') && text.Length < 160)
        {
            return false;
        }

        var nonAnswer = NonAnswerPattern().Match(text);
        if (nonAnswer.Success)
        {
            var firstPerson = nonAnswer.Value.StartsWith('i') || nonAnswer.Value.StartsWith('I')
                || nonAnswer.Value.Contains("ask", StringComparison.OrdinalIgnoreCase)
                || nonAnswer.Value.Contains("let me", StringComparison.OrdinalIgnoreCase)
                || nonAnswer.Value.Contains("hope", StringComparison.OrdinalIgnoreCase);
            if (firstPerson || SourceWordPattern().IsMatch(text) || nonAnswer.Value.Contains("information", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var facts = TextAnalyzer.Analyze(QuotedPattern().Replace(text, " "));
        return facts.ContentCount > 0 && facts.Words.Any(w => !MetaStems.Contains(w) && !facts.Numbers.Contains(w));
    }
}
