using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Chatbot.DirectLine;

/// <summary>
/// Reads who is calling the local Direct Line channel from <c>Authorization: Bearer</c>: the
/// channel's secret (which opens every conversation), a token issued here (which opens one), or
/// nobody. The secret is compared in constant time.
/// </summary>
public sealed class DirectLineAuthorization
{
    private readonly byte[]? _secretHash;
    private readonly DirectLineTokenIssuer _tokens;

    /// <summary>Creates the authorization over the configured secret and the token issuer.</summary>
    public DirectLineAuthorization(IOptions<DirectLineOptions> options, DirectLineTokenIssuer tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
        if (options.Value.HasSecret)
        {
            _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Secret!));
        }
    }

    /// <summary>True when a secret guards starting conversations.</summary>
    public bool RequiresSecret => _secretHash is not null;

    /// <summary>Identifies the caller of <paramref name="request"/>.</summary>
    public async Task<DirectLineCaller> IdentifyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
        {
            return DirectLineCaller.Anonymous;
        }

        var credential = header[scheme.Length..].Trim();
        if (_secretHash is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(credential)), _secretHash))
        {
            return DirectLineCaller.SecretHolder;
        }

        var check = await _tokens.CheckAsync(credential);
        return check.Status switch
        {
            DirectLineTokenStatus.Valid => new DirectLineCaller(DirectLineCallerKind.TokenHolder, check.Token),
            DirectLineTokenStatus.Expired => DirectLineCaller.ExpiredToken,
            _ => DirectLineCaller.Unknown,
        };
    }
}

/// <summary>Who called the local Direct Line channel.</summary>
public enum DirectLineCallerKind
{
    /// <summary>No <c>Authorization: Bearer</c> header.</summary>
    Anonymous,

    /// <summary>A credential that is neither the secret nor a token issued here.</summary>
    Unknown,

    /// <summary>A token issued here whose lifetime is over.</summary>
    ExpiredToken,

    /// <summary>A valid token for one conversation.</summary>
    TokenHolder,

    /// <summary>The channel's secret.</summary>
    SecretHolder,
}

/// <summary>The caller of a request, and the token it presented when it is a token holder.</summary>
/// <param name="Kind">Who called.</param>
/// <param name="Token">The token, for <see cref="DirectLineCallerKind.TokenHolder"/>.</param>
public sealed record DirectLineCaller(DirectLineCallerKind Kind, DirectLineToken? Token)
{
    /// <summary>A caller without credentials.</summary>
    public static DirectLineCaller Anonymous { get; } = new(DirectLineCallerKind.Anonymous, null);

    /// <summary>A caller with an unknown credential.</summary>
    public static DirectLineCaller Unknown { get; } = new(DirectLineCallerKind.Unknown, null);

    /// <summary>A caller with an expired token.</summary>
    public static DirectLineCaller ExpiredToken { get; } = new(DirectLineCallerKind.ExpiredToken, null);

    /// <summary>The holder of the secret.</summary>
    public static DirectLineCaller SecretHolder { get; } = new(DirectLineCallerKind.SecretHolder, null);

    /// <summary>
    /// Null when the caller may use conversation <paramref name="conversationId"/>; otherwise the
    /// error to answer with (401 without a usable credential, 403 for an expired token or another
    /// conversation's token).
    /// </summary>
    public IResult? Deny(string conversationId) => Kind switch
    {
        DirectLineCallerKind.SecretHolder => null,
        DirectLineCallerKind.TokenHolder when Token!.ConversationId == conversationId => null,
        DirectLineCallerKind.TokenHolder => DirectLineErrors.Forbidden("The token is for another conversation."),
        DirectLineCallerKind.ExpiredToken => DirectLineErrors.TokenExpired(),
        DirectLineCallerKind.Unknown => DirectLineErrors.Unauthorized("The token or secret is not valid here."),
        _ => DirectLineErrors.Unauthorized("Send 'Authorization: Bearer <token or secret>'."),
    };

    /// <summary>
    /// Null when the caller may start conversations and generate tokens where a secret guards them
    /// (only the secret holder); otherwise the error to answer with.
    /// </summary>
    public IResult? DenyUnlessSecret() => Kind switch
    {
        DirectLineCallerKind.SecretHolder => null,
        DirectLineCallerKind.TokenHolder => DirectLineErrors.Forbidden("A token opens only its own conversation; this needs the secret."),
        DirectLineCallerKind.ExpiredToken => DirectLineErrors.TokenExpired(),
        DirectLineCallerKind.Unknown => DirectLineErrors.Unauthorized("The secret is not valid."),
        _ => DirectLineErrors.Unauthorized("This service needs its secret: send 'Authorization: Bearer <secret>'."),
    };
}
