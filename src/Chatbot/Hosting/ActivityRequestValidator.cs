using System.Text.Json;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace Chatbot.Hosting;

/// <summary>
/// Checks that a request to <c>/api/messages</c> carries a usable Bot Framework activity before
/// the adapter sees it, so bad input gets a 4xx with a clear reason instead of a failed turn.
/// </summary>
public static class ActivityRequestValidator
{
    /// <summary>The largest activity accepted, in bytes. Bot Framework channels send far smaller ones.</summary>
    public const int MaxActivityBytes = 512 * 1024;

    /// <summary>
    /// Reads and checks the body, leaving it rewound for the adapter. The result holds either the problem to send
    /// back or the activity's channel and conversation.
    /// </summary>
    public static async Task<ActivityRequestCheck> ValidateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (request.ContentLength > MaxActivityBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {MaxActivityBytes} bytes.");
        }

        // Channels send JSON. Refusing anything else also means a page elsewhere cannot post here with a "simple"
        // (form or text) request, which browsers send without asking CORS first.
        if (!request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, $"The activity must be sent as application/json (was '{request.ContentType}').");
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxActivityBytes);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            var reason = request.Body.Position == 0 && ex.BytePositionInLine == 0 && ex.LineNumber == 0
                ? "The request body is empty; expected a Bot Framework activity as JSON."
                : $"The request body is not valid JSON: {ex.Message}";
            return Problem(StatusCodes.Status400BadRequest, reason);
        }
        catch (IOException)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {MaxActivityBytes} bytes.");
        }

        using (document)
        {
            request.Body.Position = 0;
            var activity = document.RootElement;
            string? error;
            try
            {
                error = FindError(activity);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Text.DecoderFallbackException)
            {
                // The parser checks structure, not the bytes inside strings; reading one finds them.
                error = "The activity holds text that is not valid UTF-8.";
            }

            return error is null
                ? new ActivityRequestCheck(null, activity.GetProperty("channelId").GetString(), activity.GetProperty("conversation").GetProperty("id").GetString())
                : Problem(StatusCodes.Status400BadRequest, error);
        }
    }

    private static string? FindError(JsonElement activity)
    {
        if (activity.ValueKind != JsonValueKind.Object)
        {
            return "The request body must be a JSON object (a Bot Framework activity).";
        }

        if (!HasText(activity, "type"))
        {
            return "The activity has no 'type'.";
        }

        if (!HasText(activity, "channelId"))
        {
            return "The activity has no 'channelId'.";
        }

        if (!activity.TryGetProperty("conversation", out var conversation) || !HasText(conversation, "id"))
        {
            return "The activity has no 'conversation.id'.";
        }

        if (!activity.TryGetProperty("from", out var from) || !HasText(from, "id"))
        {
            return "The activity has no 'from.id'.";
        }

        // Every delivery mode needs it: the adapter makes its connector client from serviceUrl before the turn
        // runs, even when the replies go back in the HTTP response (expectReplies), and a missing one throws.
        if (!HasText(activity, "serviceUrl"))
        {
            return "The activity has no 'serviceUrl' (the absolute http(s) URL of the channel that sent it).";
        }

        var serviceUrl = activity.GetProperty("serviceUrl").GetString();
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"The activity's 'serviceUrl' ('{serviceUrl}') is not an absolute http(s) URL.";
        }

        return FindTypeError(activity);
    }

    /// <summary>
    /// The adapter reads the activity with Newtonsoft into <see cref="Activity"/>; a field of the wrong
    /// shape (a timestamp that is no date, attachments that are no list, a nested object where text is
    /// expected) makes that throw, which would be a 500. Reading it here the same way finds them all.
    /// </summary>
    private static string? FindTypeError(JsonElement activity)
    {
        try
        {
            var parsed = JsonConvert.DeserializeObject<Activity>(activity.GetRawText(), HttpHelper.BotMessageSerializerSettings);
            return parsed is null ? "The request body is not a Bot Framework activity." : null;
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return $"The activity has a field of the wrong type: {ex.Message}";
        }
    }

    private static bool HasText(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString());

    private static ActivityRequestCheck Problem(int status, string detail)
        => new(Results.Problem(detail: detail, statusCode: status, title: "The request is not a usable Bot Framework activity."), null, null);
}
