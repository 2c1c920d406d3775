using System.Text.Json;

namespace Chatbot.DirectLine;

/// <summary>
/// Writes <c>{"activities":[...],"watermark":"N"}</c>, the Direct Line 3.0 ActivitySet. The
/// activities are written as the log stored them: Bot Framework JSON, as Newtonsoft shaped it.
/// </summary>
public sealed class DirectLineActivitySetResult : IResult
{
    private readonly DirectLineActivityPage _page;
    private readonly string? _requestedWatermark;

    /// <summary>Creates the result for one page of a conversation's log.</summary>
    /// <param name="page">The activities after the client's watermark.</param>
    /// <param name="requestedWatermark">The client's watermark, given back while the log is still empty.</param>
    public DirectLineActivitySetResult(DirectLineActivityPage page, string? requestedWatermark)
    {
        ArgumentNullException.ThrowIfNull(page);
        _page = page;
        _requestedWatermark = requestedWatermark;
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("activities");
        foreach (var activity in _page.Activities)
        {
            writer.WriteRawValue(activity, skipInputValidation: true);
        }

        writer.WriteEndArray();
        // A string, as the real service sends it; Direct Line JS passes it back verbatim.
        var watermark = _page.Watermark?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? _requestedWatermark;
        if (string.IsNullOrEmpty(watermark))
        {
            writer.WriteNull("watermark");
        }
        else
        {
            writer.WriteString("watermark", watermark);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
