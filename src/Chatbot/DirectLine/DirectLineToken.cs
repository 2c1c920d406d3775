namespace Chatbot.DirectLine;

/// <summary>A conversation token and what it grants.</summary>
/// <param name="Value">The token, as sent after <c>Bearer</c>.</param>
/// <param name="ConversationId">The one conversation it opens.</param>
/// <param name="UserId">The user it speaks for, when fixed at issue.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record DirectLineToken(string Value, string ConversationId, string? UserId, int ExpiresIn);

/// <summary>Whether a presented token can be used.</summary>
public enum DirectLineTokenStatus
{
    /// <summary>Not a token this process issued (or tampered with).</summary>
    Invalid,

    /// <summary>Issued here, but its lifetime is over.</summary>
    Expired,

    /// <summary>Usable.</summary>
    Valid,
}

/// <summary>The outcome of <see cref="DirectLineTokenIssuer.CheckAsync"/>.</summary>
/// <param name="Status">Whether the token can be used.</param>
/// <param name="Token">What it grants, when <see cref="DirectLineTokenStatus.Valid"/>.</param>
public sealed record DirectLineTokenCheck(DirectLineTokenStatus Status, DirectLineToken? Token)
{
    /// <summary>The outcome for a token that was not issued here.</summary>
    public static DirectLineTokenCheck Invalid { get; } = new(DirectLineTokenStatus.Invalid, null);
}
