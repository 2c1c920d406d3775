using System.Text.RegularExpressions;
using Chatbot.AI.Understanding;

namespace Chatbot.AI.Tests.Understanding;

/// <summary>
/// A small <see cref="IMessageParser"/> for tests of the AI layer, which cannot see the conversation layer's rules:
/// lower case; "X vs Y"; "is it true that …"; "tell me more" / "why?".
/// </summary>
public sealed partial class RuleOfThumbMessageParser : IMessageParser
{
    public string Normalize(string text) => text.Trim().ToLowerInvariant();

    public bool TryParseComparison(string normalized, string text, out string? left, out string? right)
    {
        var match = Versus().Match(text.Trim().TrimEnd('?'));
        left = match.Success ? match.Groups["a"].Value : null;
        right = match.Success ? match.Groups["b"].Value : null;
        return match.Success;
    }

    public bool MayBeClaim(string normalized) => normalized.StartsWith("is it true that", StringComparison.Ordinal);

    public bool IsFollowUp(string text) => text.Trim().TrimEnd('?').ToLowerInvariant() is "tell me more" or "why";

    [GeneratedRegex(@"^(?<a>.+?)\s+vs\.?\s+(?<b>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Versus();
}
