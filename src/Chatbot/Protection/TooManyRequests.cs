namespace Chatbot.Protection;

/// <summary>The 429 answer of every rate limit: a problem that says which limit, and <c>Retry-After</c> in whole seconds.</summary>
public static class TooManyRequests
{
    /// <summary>Sets <c>Retry-After</c> on the response and returns the problem to send.</summary>
    public static IResult Result(HttpContext http, TimeSpan retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.");
    }
}
