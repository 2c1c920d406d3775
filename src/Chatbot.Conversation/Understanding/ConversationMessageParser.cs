using System.Text.RegularExpressions;
using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;

namespace Chatbot.Conversation.Understanding;

/// <summary>
/// The conversation's text rules for <see cref="MessageAnalyzer"/>: spelling corrected against the intent examples,
/// and the comparison, claim and follow-up forms the intent rules know, so the analysis and the intent agree.
/// </summary>
public sealed partial class ConversationMessageParser : IMessageParser
{
    /// <summary>A follow-up is short: longer messages that mention "that" or "how" are questions of their own.</summary>
    private const int MaxFollowUpWords = 6;

    private readonly UtteranceNormalizer _normalizer;

    /// <param name="normalizer">The normalizer built on the intent examples' words.</param>
    internal ConversationMessageParser(UtteranceNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(normalizer);
        _normalizer = normalizer;
    }

    /// <summary>A parser whose spelling correction knows the words of <see cref="IntentExamples"/>.</summary>
    public static ConversationMessageParser ForIntentExamples() => new(UtteranceNormalizer.ForIntentExamples());

    internal UtteranceNormalizer Normalizer => _normalizer;

    /// <inheritdoc />
    public string Normalize(string text) => _normalizer.Normalize(text);

    /// <inheritdoc />
    public bool TryParseComparison(string normalized, string text, out string? left, out string? right)
        => IntentRules.TryExtractComparison(normalized, text, out left, out right);

    /// <inheritdoc />
    public bool MayBeClaim(string normalized) => IntentRules.MayBeClaim(normalized);

    /// <inheritdoc />
    public bool IsFollowUp(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxFollowUpWords && FollowUpCue().IsMatch(text);
    }

    [GeneratedRegex(@"\b(more|why|how so|that|this|it|they|them|those|example|elaborate|explain)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUpCue();
}
