namespace Chatbot.AI.Understanding;

/// <summary>
/// The text rules <see cref="MessageAnalyzer"/> applies to a message: how to normalize it and which forms it has.
/// The conversation layer supplies the rules its intent recognizer is built on (spelling corrected against its
/// examples, its comparison patterns), so the analysis and the intent agree on what a message says.
/// </summary>
public interface IMessageParser
{
    /// <summary>The message in the form rules and examples share (lower case, corrected spelling).</summary>
    string Normalize(string text);

    /// <summary>The two things a comparison names ("X vs Y"); the first is null when it is a pronoun for the caller to resolve. False when the message compares nothing.</summary>
    bool TryParseComparison(string normalized, string text, out string? left, out string? right);

    /// <summary>Whether the message is worded like a claim to check ("is it true that …", "… right?").</summary>
    bool MayBeClaim(string normalized);

    /// <summary>Whether the message is a short follow-up to the previous answer ("tell me more", "why?").</summary>
    bool IsFollowUp(string text);
}
