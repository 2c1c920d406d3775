using System.Text.Json;

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
    /// Reads and checks the body, leaving it rewound for the adapter.
    /// Returns null when the activity is usable, else the problem to send back.
    /// </summary>
    public static async Task<IResult?> ValidateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (request.ContentLength > MaxActivityBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {MaxActivityBytes} bytes.");
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxActivityBytes);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
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
            var error = FindError(document.RootElement);
            return error is null ? null : Problem(StatusCodes.Status400BadRequest, error);
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

        var expectReplies = activity.TryGetProperty("deliveryMode", out var mode)
            && mode.ValueKind == JsonValueKind.String
            && string.Equals(mode.GetString(), "expectReplies", StringComparison.OrdinalIgnoreCase);
        if (!expectReplies)
        {
            if (!HasText(activity, "serviceUrl"))
            {
                return "The activity has no 'serviceUrl', so there is nowhere to send the reply (or set deliveryMode to 'expectReplies').";
            }

            var serviceUrl = activity.GetProperty("serviceUrl").GetString();
            if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return $"The activity's 'serviceUrl' ('{serviceUrl}') is not an absolute http(s) URL.";
            }
        }

        return null;
    }

    private static bool HasText(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString());

    private static IResult Problem(int status, string detail)
        => Results.Problem(detail: detail, statusCode: status, title: "The request is not a usable Bot Framework activity.");
}
