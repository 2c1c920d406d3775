using System.Globalization;
using System.Text;
using System.Text.Json;
using Chatbot.Hosting;
using Chatbot.Protection;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Chatbot.DirectLine;

/// <summary>
/// The request handlers of the local Direct Line 3.0 service, written against what Direct Line JS
/// (and so Web Chat) sends and expects.
/// </summary>
public static class DirectLineEndpoints
{
    // Start and token requests carry at most a user and a locale.
    private const int MaxParametersBytes = 16 * 1024;

    /// <summary>
    /// <c>POST /v3/directline/conversations</c>: with a token from <c>tokens/generate</c>, starts
    /// that token's conversation (201; 200 when it had started); otherwise starts a new one (201),
    /// which needs the secret when one is configured. The bot is told the user joined, and greets.
    /// </summary>
    public static async Task<IResult> StartConversationAsync(
        HttpContext http, DirectLineAuthorization authorization, DirectLineConversationStore conversations, DirectLineTokenIssuer tokens, DirectLineChannel channel)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(channel);

        var caller = await authorization.IdentifyAsync(http.Request);
        if (caller.Kind == DirectLineCallerKind.TokenHolder)
        {
            var token = caller.Token!;
            var existing = conversations.Find(token.ConversationId);
            if (existing is null)
            {
                return DirectLineErrors.ConversationNotFound(token.ConversationId);
            }

            var response = new DirectLineTokenResponse(existing.Id, token.Value, token.ExpiresIn);
            return channel.Start(existing, ServiceUrl(http.Request))
                ? Results.Json(response, statusCode: StatusCodes.Status201Created)
                : Results.Ok(response);
        }

        // Without a secret anyone may start a conversation, whatever they send: Direct Line JS
        // sends "Bearer undefined" when the page gives it neither token nor secret.
        if (authorization.RequiresSecret && caller.DenyUnlessSecret() is { } denied)
        {
            return denied;
        }

        var (parameters, error) = await ReadParametersAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var (conversation, issued) = Create(conversations, tokens, parameters!);
        channel.Start(conversation, ServiceUrl(http.Request));
        return Results.Json(new DirectLineTokenResponse(conversation.Id, issued.Value, issued.ExpiresIn), statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// <c>POST /v3/directline/tokens/generate</c>: a token for a new conversation, which starts when
    /// the client posts to <c>conversations</c> with it. Needs the secret when one is configured.
    /// </summary>
    public static async Task<IResult> GenerateTokenAsync(
        HttpContext http, DirectLineAuthorization authorization, DirectLineConversationStore conversations, DirectLineTokenIssuer tokens)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(tokens);

        if (authorization.RequiresSecret && (await authorization.IdentifyAsync(http.Request)).DenyUnlessSecret() is { } denied)
        {
            return denied;
        }

        var (parameters, error) = await ReadParametersAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        var (conversation, issued) = Create(conversations, tokens, parameters!);
        return Results.Ok(new DirectLineTokenResponse(conversation.Id, issued.Value, issued.ExpiresIn));
    }

    /// <summary>
    /// <c>POST /v3/directline/tokens/refresh</c>: a new token for the same conversation (and user),
    /// for a token that has not expired yet.
    /// </summary>
    public static async Task<IResult> RefreshTokenAsync(
        HttpContext http, DirectLineAuthorization authorization, DirectLineConversationStore conversations, DirectLineTokenIssuer tokens)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(tokens);

        var caller = await authorization.IdentifyAsync(http.Request);
        if (caller.Kind == DirectLineCallerKind.SecretHolder)
        {
            return DirectLineErrors.BadArgument("A secret does not expire; only a token can be refreshed.");
        }

        if (caller.Kind != DirectLineCallerKind.TokenHolder)
        {
            return caller.Deny(string.Empty)!;
        }

        var token = caller.Token!;
        var conversation = conversations.Find(token.ConversationId);
        if (conversation is null)
        {
            return DirectLineErrors.ConversationNotFound(token.ConversationId);
        }

        var refreshed = tokens.Issue(conversation.Id, token.UserId);
        return Results.Ok(new DirectLineTokenResponse(conversation.Id, refreshed.Value, refreshed.ExpiresIn));
    }

    /// <summary>
    /// <c>GET /v3/directline/conversations/{id}?watermark=</c>: reconnects to a conversation, which
    /// goes on where it was (the client keeps its own watermark). Answers with the caller's token, or
    /// a new one for the secret's holder; no <c>streamUrl</c>, since this service only polls.
    /// </summary>
    public static async Task<IResult> ReconnectAsync(
        string conversationId, HttpContext http, DirectLineAuthorization authorization, DirectLineConversationStore conversations, DirectLineTokenIssuer tokens)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(tokens);

        var (conversation, denied, caller) = await OpenAsync(conversationId, http, authorization, conversations);
        if (denied is not null)
        {
            return denied;
        }

        var token = caller!.Token ?? tokens.Issue(conversation!.Id, conversation.UserIsFixed ? conversation.User.Id : null);
        return Results.Ok(new DirectLineTokenResponse(conversation!.Id, token.Value, token.ExpiresIn));
    }

    /// <summary>
    /// <c>POST /v3/directline/conversations/{id}/activities</c>: sends an activity to the bot and
    /// answers <c>{"id"}</c> at once; the activity (with its <c>channelData.clientActivityID</c>)
    /// and the bot's replies then arrive by polling.
    /// </summary>
    public static async Task<IResult> PostActivityAsync(
        string conversationId, HttpContext http, DirectLineAuthorization authorization, DirectLineConversationStore conversations, DirectLineChannel channel, ConversationRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(limiter);

        var (conversation, denied, _) = await OpenAsync(conversationId, http, authorization, conversations);
        if (denied is not null)
        {
            return denied;
        }

        if (!limiter.TryAcquire(DirectLineChannel.ChannelId, conversation!.Id, out var retryAfter))
        {
            return TooManyRequests.Result(http, retryAfter, "This conversation has sent more activities than Protection:MessagesPerSecondPerConversation allows; wait as Retry-After says.");
        }

        if (!http.Request.HasJsonContentType())
        {
            return DirectLineErrors.UnsupportedMediaType(http.Request.ContentType);
        }

        var body = await ReadBodyAsync(http.Request, ActivityRequestValidator.MaxActivityBytes, http.RequestAborted);
        if (body is null)
        {
            return DirectLineErrors.TooLarge(ActivityRequestValidator.MaxActivityBytes);
        }

        Activity? activity;
        try
        {
            activity = JsonConvert.DeserializeObject<Activity>(body, HttpHelper.BotMessageSerializerSettings);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return DirectLineErrors.BadArgument($"The request body is not an activity: {ex.Message}");
        }

        if (activity is null)
        {
            return DirectLineErrors.BadArgument("The request body is empty; expected an activity as JSON.");
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return DirectLineErrors.BadArgument("The activity has no 'type'.");
        }

        var id = channel.Post(conversation!, activity, ServiceUrl(http.Request));
        return Results.Ok(new { id });
    }

    /// <summary>
    /// <c>GET /v3/directline/conversations/{id}/activities?watermark=N</c>: the activities logged
    /// after watermark N (all that are kept when it is empty), and the watermark to ask from next.
    /// </summary>
    public static async Task<IResult> GetActivitiesAsync(
        string conversationId, HttpContext http, DirectLineAuthorization authorization, DirectLineConversationStore conversations)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(conversations);

        var (conversation, denied, _) = await OpenAsync(conversationId, http, authorization, conversations);
        if (denied is not null)
        {
            return denied;
        }

        var requested = http.Request.Query["watermark"].ToString();
        long? watermark = null;
        if (!string.IsNullOrEmpty(requested))
        {
            if (!long.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return DirectLineErrors.BadArgument($"The watermark '{requested}' was not given by this service.");
            }

            watermark = parsed;
        }

        return new DirectLineActivitySetResult(conversation!.Read(watermark), requested);
    }

    private static async Task<(DirectLineConversation? Conversation, IResult? Denied, DirectLineCaller? Caller)> OpenAsync(
        string conversationId, HttpContext http, DirectLineAuthorization authorization, DirectLineConversationStore conversations)
    {
        var caller = await authorization.IdentifyAsync(http.Request);
        if (caller.Deny(conversationId) is { } denied)
        {
            return (null, denied, caller);
        }

        var conversation = conversations.Find(conversationId);
        return conversation is null
            ? (null, DirectLineErrors.ConversationNotFound(conversationId), caller)
            : (conversation, null, caller);
    }

    private static (DirectLineConversation Conversation, DirectLineToken Token) Create(
        DirectLineConversationStore conversations, DirectLineTokenIssuer tokens, StartParameters parameters)
    {
        // A user named when the token is made is fixed in it, so the client cannot speak as another.
        var conversation = conversations.Create(parameters.UserId, parameters.UserName, userIsFixed: parameters.UserId is not null, parameters.Locale);
        var token = tokens.Issue(conversation.Id, conversation.UserIsFixed ? conversation.User.Id : null);
        return (conversation, token);
    }

    /// <summary>Reads the optional <c>{"user":{"id","name"},"locale"}</c> of a start or generate request.</summary>
    private static async Task<(StartParameters? Parameters, IResult? Error)> ReadParametersAsync(HttpRequest request)
    {
        var body = await ReadBodyAsync(request, MaxParametersBytes, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return (null, DirectLineErrors.TooLarge(MaxParametersBytes));
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return (new StartParameters(null, null, null), null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, DirectLineErrors.BadArgument("The request body must be a JSON object."));
            }

            var user = root.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
            return (new StartParameters(Text(user, "id"), Text(user, "name"), Text(root, "locale")), null);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (null, DirectLineErrors.BadArgument($"The request body is not valid JSON: {ex.Message}"));
        }
    }

    private static string? Text(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()
                : null;

    /// <summary>The body as text, or null when it is over <paramref name="maxBytes"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Where the bot's activities say they came through: this service.</summary>
    private static string ServiceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";

    private sealed record StartParameters(string? UserId, string? UserName, string? Locale);
}
