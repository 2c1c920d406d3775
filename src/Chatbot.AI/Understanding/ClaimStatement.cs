using System.Text.RegularExpressions;

namespace Chatbot.AI.Understanding;

/// <summary>The statement a claim-check message asks about: "is it true that X?" → "X".</summary>
public static partial class ClaimStatement
{
    /// <summary>
    /// <paramref name="message"/> without its lead-in ("is it true that", "fact check:", "I heard that" …) and its
    /// closing question mark; empty when nothing is left.
    /// </summary>
    public static string From(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ClaimPrefix().Replace(message.Trim(), string.Empty).Trim().TrimEnd('?').Trim();
    }

    /// <summary>The statement as one sentence, as the grounding check reads it: ending in a period.</summary>
    public static string AsSentence(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.EndsWith('.') ? statement : statement + ".";
    }

    [GeneratedRegex(@"^\s*(?:is it (?:true|correct|right) that|fact[- ]?check:?|claim:|i (?:read|heard) that|did you know that|true or false:?)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimPrefix();
}
