using System.Text.Json.Serialization;

namespace Chatbot.DirectLine;

/// <summary>
/// A conversation token as Direct Line 3.0 returns it (start conversation, reconnect, generate and
/// refresh token): what Web Chat's <c>createDirectLine({ token })</c> needs, and never a secret.
/// </summary>
/// <param name="ConversationId">The conversation the token opens.</param>
/// <param name="Token">The token.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record DirectLineTokenResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
