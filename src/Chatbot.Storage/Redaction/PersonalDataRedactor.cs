using System.Text.RegularExpressions;

namespace Chatbot.Storage.Redaction;

/// <summary>
/// Replaces e-mail addresses with <see cref="EmailMarker"/> and phone numbers with <see cref="PhoneMarker"/> in what
/// a user or the bot wrote, before it is stored for a pilot to review.
/// </summary>
/// <remarks>
/// A phone number is recognised by its shape, not by any digits: an international number (<c>+44 20 7946 0958</c>),
/// a North American one (<c>(555) 123-4567</c>, <c>555-123-4567</c>), a national one with its leading 0 written in
/// groups (<c>020 7946 0958</c>, <c>030 123456</c>), or any run of 6 to 15 digits right after a word that says a
/// phone number follows ("call me at", "phone:", "my number is"). Prices, order numbers (<c>#100234</c>), dates,
/// times, years, versions and web addresses are left as written; so are digits without such a shape or word
/// (<c>5551234567</c> alone could be an order number), which is the price of not blanking every number.
/// </remarks>
public sealed partial class PersonalDataRedactor
{
    /// <summary>What an e-mail address is replaced with.</summary>
    public const string EmailMarker = "[email]";

    /// <summary>What a phone number is replaced with.</summary>
    public const string PhoneMarker = "[phone]";

    /// <summary>Creates a redactor; a disabled one gives text back as it is (<c>Storage:RedactPersonalData=false</c>).</summary>
    public PersonalDataRedactor(bool enabled = true) => Enabled = enabled;

    /// <summary>False when text is stored as written.</summary>
    public bool Enabled { get; }

    /// <summary>The text with its e-mail addresses and phone numbers replaced; null stays null.</summary>
    public string? Redact(string? text)
    {
        if (!Enabled || string.IsNullOrEmpty(text) || !MayHoldPersonalData(text))
        {
            return text;
        }

        return PersonalData().Replace(text, Replace);
    }

    /// <summary>Nothing to find without an "@" or at least six digits: most messages skip the expression.</summary>
    private static bool MayHoldPersonalData(string text)
    {
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return true;
        }

        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && ++digits >= 6)
            {
                return true;
            }
        }

        return false;
    }

    private static string Replace(Match match)
    {
        if (match.Groups["url"].Success)
        {
            return match.Value;
        }

        if (match.Groups["email"].Success)
        {
            return EmailMarker;
        }

        if (match.Groups["cued"].Success)
        {
            var number = match.Groups["cued"].Value;
            return IsPhoneLength(number, min: 6) && !DateLike().IsMatch(number)
                ? match.Groups["cue"].Value + PhoneMarker
                : match.Value;
        }

        if (match.Groups["intl"].Success)
        {
            // "+4930123456" needs its length to be a number; "+49 30 123456" has the groups of one.
            var separated = match.Value.AsSpan(1).IndexOfAny(" .-(") >= 0;
            return IsPhoneLength(match.Value, min: separated ? 8 : 10) ? PhoneMarker : match.Value;
        }

        if (match.Groups["national"].Success)
        {
            return IsPhoneLength(match.Value, min: 9) && !DateLike().IsMatch(match.Value) ? PhoneMarker : match.Value;
        }

        return PhoneMarker; // the North American shape needs no further check
    }

    private static bool IsPhoneLength(string candidate, int min, int max = 15)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        return digits >= min && digits <= max;
    }

    // One pass over the text, left to right. Web addresses come first so nothing inside one is touched. Digits are
    // only taken whole: not after a letter, digit, "#", "$", "€", "/", "." or "-" and not before more of a number.
    [GeneratedRegex("""
        (?<url>\b(?:https?|ftp)://[^\s<>"']+|\bwww\.[^\s<>"']+)
        |(?<email>(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+-]+(?:'[\p{L}\p{N}._%+-]+)*@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}-]))
        |(?<cue>\b(?:call|phone|telephone|tel|mobile|cell|cellphone|whatsapp|fax|sms|text\s+me|ring|reach\s+(?:me|us)|contact\s+(?:me|us)|my\s+(?:phone\s+|mobile\s+|cell\s+)?number)\b\.?:?\s*(?:(?:me|us|at|on|is|number|no\.?|nr\.?|under)\b\.?:?\s*){0,3})
            (?<cued>\+?\(?\d(?:[\d\ .\-()/]{4,22})\d)(?![\p{L}\p{N}@]|[.,\-/]\d)
        |(?<![\p{L}\p{N}#@$€£¥/.,+\-]|\d\ )
            (?:
                (?<intl>\+\(?\d{1,4}\)?(?:[\ .\-]?\(?\d{1,5}\)?){1,7})
               |(?<nanp>(?:1[\ .\-]?)?(?:\(\d{3}\)\ ?|\d{3}[\ .\-])\d{3}[\ .\-]\d{4})
               |(?<national>(?:\(0\d{1,4}\)|0\d{1,4})(?:[\ .\-/]\d{2,8}){1,5})
            )
            (?![\p{L}\p{N}@]|[.,\-/]\d|\ \d)
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex PersonalData();

    // Dates a cue may precede ("call me on 06.12.2026"): year first or last, in digits.
    [GeneratedRegex(@"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();
}
