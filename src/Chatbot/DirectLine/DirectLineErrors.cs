namespace Chatbot.DirectLine;

/// <summary>
/// Errors in the Direct Line 3.0 shape, <c>{"error":{"code","message"}}</c>. The status codes are
/// what Direct Line JS acts on: 403 means "get a new token" and 404 "the conversation is over".
/// </summary>
public static class DirectLineErrors
{
    /// <summary>401: no credential, or one this service did not issue.</summary>
    public static IResult Unauthorized(string message) => Error(StatusCodes.Status401Unauthorized, "Unauthorized", message);

    /// <summary>403 with the code the Direct Line reference gives for a token that was valid once.</summary>
    public static IResult TokenExpired() => Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; refresh it before it does, or get a new one.");

    /// <summary>403: a valid token for another conversation, or a secret where a token is needed.</summary>
    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, "Forbidden", message);

    /// <summary>404: the conversation does not exist, or was forgotten after being idle.</summary>
    public static IResult ConversationNotFound(string conversationId)
        => Error(StatusCodes.Status404NotFound, "NotFound", $"Conversation '{conversationId}' does not exist or has expired; start a new one.");

    /// <summary>400: a request this service cannot read.</summary>
    public static IResult BadArgument(string message) => Error(StatusCodes.Status400BadRequest, "BadArgument", message);

    /// <summary>413: a request body over the size limit.</summary>
    public static IResult TooLarge(int maxBytes) => Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The request body is larger than {maxBytes} bytes.");

    /// <summary>415: a body that is not JSON.</summary>
    public static IResult UnsupportedMediaType(string? contentType)
        => Error(StatusCodes.Status415UnsupportedMediaType, "BadArgument", $"Activities must be sent as application/json (was '{contentType}').");

    /// <summary>502: the upstream Direct Line service did not help.</summary>
    public static IResult BadGateway(string message) => Error(StatusCodes.Status502BadGateway, "ServiceError", message);

    private static IResult Error(int status, string code, string message)
        => Results.Json(new { error = new { code, message } }, statusCode: status);
}
