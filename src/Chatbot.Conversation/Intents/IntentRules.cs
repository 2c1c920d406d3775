using System.Text.RegularExpressions;
using Chatbot.AI.Understanding;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// Rules for what is a command by nature (start over, a human, a level; emoji reactions), plus the cheap entity extraction
/// (compared things, answer level, feedback sentiment) added to what the classifier recognises.
/// </summary>
/// <remarks>
/// Command rules match the whole message only (after trimming politeness and punctuation), so a question that merely
/// mentions a command's words ("what is a reset gate in a GRU?") never matches one and goes on to the classifier.
/// </remarks>
internal static partial class IntentRules
{
    /// <summary>Confidence given to a rule match: rules are written to be precise.</summary>
    public const double RuleConfidence = 0.97;

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private static readonly (Regex Pattern, Intent Intent, Intent RunnerUp)[] NatureCommandRules =
    [
        (ResetPattern(), Intent.Reset, Intent.Help),
        (HandoffPattern(), Intent.Handoff, Intent.Help),
        (LevelPattern(), Intent.SetLevel, Intent.Ask),
    ];

    /// <summary>
    /// The rules for what is a command by nature: a whole message that says "reset", asks for a human or names a level,
    /// and reactions made only of emoji. Everything else is the classifier's. <see langword="null"/> when none matches.
    /// </summary>
    public static IntentResult? MatchCommand(MessageAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var normalized = analysis.Normalized;
        if (TryMatchEmoji(normalized, out var emojiResult))
        {
            return emojiResult;
        }

        var core = Core(normalized);
        foreach (var (pattern, intent, runnerUp) in NatureCommandRules)
        {
            if (pattern.IsMatch(core))
            {
                return WithEntities(Rule(intent, runnerUp), analysis);
            }
        }

        return null;
    }

    /// <summary>Whether the whole message is a command to start over, in words that can mean nothing else.</summary>
    public static bool IsResetCommand(string normalized) => ResetPattern().IsMatch(Core(normalized));

    /// <summary>Adds the entities an intent carries (level, sentiment, compared things) to a result.</summary>
    public static IntentResult WithEntities(IntentResult result, MessageAnalysis analysis) => result.Intent switch
    {
        Intent.SetLevel => result with { Level = DetectLevel(analysis.Normalized) },
        Intent.Feedback => result with { Feedback = DetectSentiment(analysis.Normalized) },
        Intent.Compare when analysis.Compares => result with { Left = analysis.ComparedLeft, Right = analysis.ComparedRight },
        _ => result,
    };

    /// <summary>
    /// Whether a message may state a claim to check, so that the analysis parses one out: it holds claim words ("true",
    /// "heard", "right") or a claim's form ("is it true that…", "I read that …, right?"). Whether it is one is the classifier's call.
    /// </summary>
    public static bool MayBeClaim(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var core = Core(normalized);
        return ClaimCuePattern().IsMatch(normalized) || ClaimPattern().IsMatch(core) || ClaimTagPattern().IsMatch(core);
    }

    /// <summary>The answer level a message asks for, if it says.</summary>
    public static AnswerLevel? DetectLevel(string normalized)
    {
        // Order matters: "less technical" is a beginner's request, "too basic" an expert's.
        if (TowardsBeginnerPattern().IsMatch(normalized))
        {
            return AnswerLevel.Beginner;
        }

        if (StandardLevelPattern().IsMatch(normalized))
        {
            return AnswerLevel.Standard;
        }

        if (TowardsExpertPattern().IsMatch(normalized))
        {
            return AnswerLevel.Expert;
        }

        return BeginnerWordPattern().IsMatch(normalized) ? AnswerLevel.Beginner : null;
    }

    /// <summary>Whether feedback praises or criticises, if it can be told.</summary>
    public static FeedbackSentiment? DetectSentiment(string normalized)
    {
        if (normalized.Contains("👎", StringComparison.Ordinal) || NegativePattern().IsMatch(normalized))
        {
            return FeedbackSentiment.Negative;
        }

        return normalized.Contains("👍", StringComparison.Ordinal) || PositivePattern().IsMatch(normalized)
            ? FeedbackSentiment.Positive
            : null;
    }

    /// <summary>Finds "X vs Y", "difference between X and Y", "how does X differ from Y" and similar forms.</summary>
    /// <param name="normalized">The normalized message (cue words spelt correctly).</param>
    /// <param name="original">The message as typed; its spelling of the compared things is preferred when it matches too.</param>
    /// <param name="left">The first thing, or <see langword="null"/> when missing or a pronoun ("that") for the caller to resolve.</param>
    /// <param name="right">The second thing, when present.</param>
    public static bool TryExtractComparison(string normalized, string original, out string? left, out string? right)
    {
        var cleaned = UtteranceNormalizer.Clean(original);
        var cased = UtteranceNormalizer.Clean(original, lowerCase: false);
        foreach (var text in (ReadOnlySpan<string>)[cleaned, normalized])
        {
            var sentence = LeadingFillerPattern().Replace(text.TrimEnd('?', '.', '!', ' '), string.Empty);
            foreach (var pattern in ComparisonPatterns)
            {
                var match = pattern.Match(sentence);
                if (!match.Success)
                {
                    continue;
                }

                // The user's casing is recovered only from the uncorrected text, where positions line up.
                var casing = ReferenceEquals(text, cleaned) ? cased : null;
                left = Entity(match.Groups["left"], cleaned, casing);
                right = Entity(match.Groups["right"], cleaned, casing);
                if ((left is null && right is null) || WordCount(left) > MaxEntityWords || WordCount(right) > MaxEntityWords)
                {
                    continue;
                }

                return true;
            }
        }

        left = null;
        right = null;
        return false;
    }

    /// <summary>Longer "entities" mean the pattern caught a sentence, not a thing ("what's the score of arsenal vs chelsea").</summary>
    private const int MaxEntityWords = 6;

    private static int WordCount(string? text) =>
        text is null ? 0 : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static readonly Regex[] ComparisonPatterns =
    [
        DifferenceBetweenPattern(),
        DifferFromPattern(),
        VersusPattern(),
        ComparePattern(),
        BetterThanPattern(),
        WhichIsBetterPattern(),
        ComparedToPattern(),
    ];

    private static string? Entity(Group group, string cleaned, string? cased)
    {
        if (!group.Success)
        {
            return null;
        }

        var value = group.Value;
        if (cased is not null && cased.Length == cleaned.Length)
        {
            var index = cleaned.IndexOf(value, StringComparison.Ordinal);
            if (index >= 0)
            {
                value = cased.Substring(index, value.Length);
            }
        }

        value = EntityEdgePattern().Replace(value, string.Empty).Trim();
        return value.Length == 0 || PronounPattern().IsMatch(value) ? null : value;
    }

    private static bool TryMatchEmoji(string normalized, out IntentResult? result)
    {
        result = null;
        var text = normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (text.Length == 0)
        {
            return false;
        }

        if (text is "+1" or "-1")
        {
            result = Rule(Intent.Feedback, Intent.Thanks) with { Feedback = text == "+1" ? FeedbackSentiment.Positive : FeedbackSentiment.Negative };
            return true;
        }

        var positive = 0;
        var negative = 0;
        var thanks = 0;
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            var rune = System.Text.Rune.GetRuneAt(element, 0);
            switch (rune.Value)
            {
                case 0x1F44D or 0x1F44C or 0x1F44F or 0x1F64C or 0x1F4AF or 0x2764 or 0x1F642 or 0x1F60A or 0x1F600 or 0x1F603 or 0x1F604 or 0x1F389 or 0x2705 or 0x1F525 or 0x1F929 or 0x1F60D:
                    positive++;
                    break;
                case 0x1F44E or 0x1F61E or 0x1F620 or 0x1F621 or 0x1F641 or 0x2639 or 0x1F615 or 0x1F612 or 0x274C or 0x1F4A9 or 0x1F644 or 0x1F622:
                    negative++;
                    break;
                case 0x1F64F:
                    thanks++;
                    break;
                default:
                    if (System.Text.Rune.GetUnicodeCategory(rune) is not (System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.NonSpacingMark))
                    {
                        return false;
                    }

                    break;
            }
        }

        if (thanks > 0 && positive == 0 && negative == 0)
        {
            result = Rule(Intent.Thanks, Intent.Feedback);
        }
        else if (positive + negative > 0)
        {
            result = Rule(Intent.Feedback, Intent.Thanks) with
            {
                Feedback = negative > positive ? FeedbackSentiment.Negative : FeedbackSentiment.Positive,
            };
        }

        return result is not null;
    }

    private static IntentResult Rule(Intent intent, Intent runnerUp) => new(intent, RuleConfidence)
    {
        RunnerUp = runnerUp,
        RunnerUpConfidence = 1 - RuleConfidence,
        Source = IntentSource.Rule,
    };

    /// <summary>The message without end punctuation, politeness and fillers, for whole-message command rules.</summary>
    private static string Core(string normalized)
    {
        var core = normalized.Trim().TrimEnd('.', '!', '?', ',', ' ', '…');
        core = LeadingFillerPattern().Replace(core, string.Empty);
        core = TrailingPolitenessPattern().Replace(core, string.Empty);
        return core.Trim().TrimEnd('.', '!', '?', ',', ' ');
    }

    [GeneratedRegex(@"^(?:(?:ok|okay|oh|um+|uh+|well|so|and|but|hey bot|bot|please|pls|plz)[,!.]?\s+)+", Options)]
    private static partial Regex LeadingFillerPattern();

    [GeneratedRegex(@"(?:[,!.]?\s*(?:please|pls|plz|now|right now|bot))+$", Options)]
    private static partial Regex TrailingPolitenessPattern();

    [GeneratedRegex(@"^(?:reset|restart|reboot|clear|start over|start again|start afresh|start fresh|start from scratch|begin again|new (?:chat|conversation|session)|(?:let's|lets|can we|i want to) (?:start (?:over|again|fresh|afresh)|begin again)|(?:clear|reset|wipe|erase|delete) (?:the |this |our |my )?(?:chat|conversation|history|context|session|everything)(?: history)?|forget (?:everything|it all|all that|all of it|what i said|our conversation)(?: we (?:said|discussed))?)$", Options)]
    private static partial Regex ResetPattern();

    [GeneratedRegex(@"^(?:escalate(?: (?:this|me|it))?(?: to (?:a |an )?(?:human|person|agent))?|(?:i (?:want|need|would like|'d like) (?:to (?:talk|speak|chat) (?:to|with) )?|(?:can|could|may) i (?:talk|speak|chat) (?:to|with) |(?:let me )?(?:talk|speak|chat) (?:to|with) |get me |connect me (?:to|with) |transfer me to |put me through to )?(?:a |an |the |some )?(?:real |live |actual )?(?:human|humans|person|agent|operator|representative|human being|human agent|customer service|customer support|support agent|staff member|manager))$", Options)]
    private static partial Regex HandoffPattern();

    [GeneratedRegex(@"^(?:eli5|explain (?:it |this |that )?(?:to me )?like i'?m (?:five|5|a (?:child|kid|beginner|five year old|5 year old))|i'?m (?:a |an )?(?:expert|beginner|novice|newbie|professional|researcher|engineer|data scientist)|i am (?:a |an )?(?:expert|beginner|novice|newbie)|(?:make it |be |a bit |much )?(?:simpler|more technical|less technical|more advanced|more basic|more detailed|less detailed)|set (?:the |my )?level to (?:beginner|standard|normal|expert|intermediate|advanced|basic)|(?:level|mode):? ?(?:beginner|standard|normal|expert|advanced|basic)|(?:beginner|expert|standard|normal|advanced|technical|simple|eli5) (?:mode|level)|(?:switch|go) to (?:beginner|expert|standard|normal|advanced|simple) (?:mode|level)|(?:can you |could you )?(?:explain|say|put|describe) (?:it|that|this)(?: again)? (?:more simply|more technically|in simpler (?:terms|words)|in plain (?:english|words)|in more (?:technical )?detail|for (?:a |an )?(?:beginner|child|kid|expert)))$", Options)]
    private static partial Regex LevelPattern();

    [GeneratedRegex(@"^(?:is it (?:really |actually )?true that|is it (?:a fact|correct|accurate|right) (?:that|to say that)|fact[- ]?check(?: this| please| me)?\b|claim:|true or false\b|verify (?:this|that|the claim|the following)\b|can you (?:verify|confirm|fact[- ]?check) (?:that|this|whether|if)\b|check (?:this|the claim|whether|if) (?:claim)?:?|debunk\b)", Options)]
    private static partial Regex ClaimPattern();

    [GeneratedRegex(@"^(?:i (?:read|heard|saw|was told)|someone (?:told me|said|claims?)|my \w+ (?:says|said|told me)|apparently|people say|they say)\b.+(?:,|\.|\s)\s*(?:right|true|correct|is that (?:true|right|correct|so|accurate)|isn't it|no|really)$", Options)]
    private static partial Regex ClaimTagPattern();

    [GeneratedRegex(@"^(?:(?:what|whats|what's|what is|what are|tell me|explain|show me)(?: is| are)? (?:the |a )?(?:main |key |big )?)?differences? (?:between|of) (?<left>.+?) (?:and|&|vs\.?|versus) (?<right>.+)$", Options)]
    private static partial Regex DifferenceBetweenPattern();

    [GeneratedRegex(@"^(?:how|in what ways?|why) (?:does|do|is|are|did|was) (?<left>.+?) (?:differ(?:ent)?|distinct|vary) (?:from|than|to) (?<right>.+)$", Options)]
    private static partial Regex DifferFromPattern();

    [GeneratedRegex(@"^(?:(?:what about|compare|comparing) )?(?<left>[^,]+?)\s+(?:vs\.?|versus|v\.?)\s+(?<right>.+?)(?:[,:;-]? (?:which|what|who|whats|what's|how|pros|differences?)\b.*)?$", Options)]
    private static partial Regex VersusPattern();

    [GeneratedRegex(@"^(?:can you |could you |please |let's )?(?:compare|contrast) (?<left>.+?) (?:and|with|to|against|vs\.?) (?<right>.+)$", Options)]
    private static partial Regex ComparePattern();

    [GeneratedRegex(@"^(?:is|are|was|were) (?<left>.+?) (?:better|worse|faster|slower|smarter|more accurate|cheaper|stronger|bigger|smaller) (?:than|then) (?<right>.+?)(?: at .+| for .+)?$", Options)]
    private static partial Regex BetterThanPattern();

    [GeneratedRegex(@"^(?:(?:which|what)(?:'s| is) (?:better|best|faster|preferable)(?: for \w+)?[,:]? (?<left>.+?) or (?<right>.+)|(?<left>.+?) or (?<right>[^,]+?),? which (?:one )?(?:is better|should i use|is best|to use|to pick|one))$", Options)]
    private static partial Regex WhichIsBetterPattern();

    [GeneratedRegex(@"^(?:how (?:does|do|is|are) )?(?<left>.+?) (?:compared? (?:to|with)|as opposed to|in comparison (?:to|with)|stack up against) (?<right>.+)$", Options)]
    private static partial Regex ComparedToPattern();

    // "did it / does it / was it" is a cue only as a tag at the end ("GPT-4 passed the bar exam, did it?"):
    // "which model did it start on?" asks, it does not check.
    [GeneratedRegex(@"\b(?:true|false|right|correct|accurate|really|fact\w*|myth|claim\w*|confirm|verify|debunk|heard|read|told|says?|said|saw|apparently|supposedly|rumou?r\w*|is that so)\b|\b(?:did|does|was) it\W*$", Options)]
    private static partial Regex ClaimCuePattern();

    [GeneratedRegex(@"^(?:the|a|an|using|between)\s+|[\s,.;:!?]+$", Options)]
    private static partial Regex EntityEdgePattern();

    [GeneratedRegex(@"^(?:that|this|it|those|these|they|them|the (?:former|latter)|that one|this one)$", Options)]
    private static partial Regex PronounPattern();

    [GeneratedRegex(@"\b(?:less technical|less jargon|no jargon|simpler|simple|simply|dumb it down|plain (?:english|words|language)|like i'?m (?:five|5|a (?:child|kid))|for a (?:child|kid|beginner)|eli5|less detail|too (?:complicated|complex|technical|hard)|don't understand|grandm\w*|layman)\b", Options)]
    private static partial Regex TowardsBeginnerPattern();

    [GeneratedRegex(@"\b(?:standard|normal|intermediate|default|regular|medium)\b", Options)]
    private static partial Regex StandardLevelPattern();

    [GeneratedRegex(@"\b(?:expert|technical|advanced|deeper|in depth|more depth|phd|researcher|professional|know the math|skip the basics|too basic|more detail(?:ed)?|engineer|scientist|cs degree|math)\b", Options)]
    private static partial Regex TowardsExpertPattern();

    [GeneratedRegex(@"\b(?:beginner|novice|newbie|new to|basic|basics|child|kid)\b", Options)]
    private static partial Regex BeginnerWordPattern();

    [GeneratedRegex(@"\b(?:not|n't|no|wrong|incorrect|useless|unhelpful|bad|terrible|awful|rubbish|nonsense|confusing|confused|outdated|mistaken|misunderstood|meh|worse|poor|inaccurate|false|didn't help|makes no sense)\b", Options)]
    private static partial Regex NegativePattern();

    [GeneratedRegex(@"\b(?:helpful|useful|great|good|nice|perfect|excellent|awesome|clear|love|spot on|helped|brilliant|amazing|fantastic|thanks|well done|accurate|correct|right)\b", Options)]
    private static partial Regex PositivePattern();
}
