using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chatbot.DirectLine;

/// <summary>
/// Issues and checks the tokens of the local Direct Line channel: JWTs signed with a key made at
/// start-up, each naming one conversation (and, when known, its user). The key lives only in this
/// process, as the conversations do, so a restart invalidates both together.
/// </summary>
public sealed class DirectLineTokenIssuer
{
    private const string Issuer = "chatbot-directline";
    private const string ConversationClaim = "conv";

    // Direct Line JS reads the user id from a token's "user" claim (and then ignores setUserId).
    private const string UserClaim = "user";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32));
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    /// <summary>Creates the issuer with a fresh signing key.</summary>
    public DirectLineTokenIssuer(IOptions<DirectLineOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _lifetime = options.Value.TokenLifetime;
    }

    /// <summary>Issues a token for one conversation, valid for <see cref="DirectLineOptions.TokenLifetime"/>.</summary>
    /// <param name="conversationId">The conversation the token opens.</param>
    /// <param name="userId">The user the token speaks for; null when the client chooses.</param>
    public DirectLineToken Issue(string conversationId, string? userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var now = _clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [ConversationClaim] = conversationId,
            // Makes every token unique, even two for one conversation in the same second (a refresh).
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (!string.IsNullOrEmpty(userId))
        {
            claims[UserClaim] = userId;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return new DirectLineToken(token, conversationId, userId, (int)_lifetime.TotalSeconds);
    }

    /// <summary>Checks a token's signature and expiry and reads what it grants.</summary>
    public async Task<DirectLineTokenCheck> CheckAsync(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!_handler.CanReadToken(token))
        {
            return DirectLineTokenCheck.Invalid;
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateAudience = false,
            // Expiry is checked below against the injected clock, so it can tell "expired" from "forged".
            ValidateLifetime = false,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        });
        if (!result.IsValid
            || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>(ConversationClaim, out var conversationId)
            || string.IsNullOrEmpty(conversationId))
        {
            return DirectLineTokenCheck.Invalid;
        }

        jwt.TryGetPayloadValue<string>(UserClaim, out var userId);
        var remaining = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) - _clock.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return new DirectLineTokenCheck(DirectLineTokenStatus.Expired, null);
        }

        return new DirectLineTokenCheck(
            DirectLineTokenStatus.Valid,
            new DirectLineToken(token, conversationId, string.IsNullOrEmpty(userId) ? null : userId, (int)remaining.TotalSeconds));
    }
}
