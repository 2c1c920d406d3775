namespace Chatbot.Admin;

/// <summary>The admin endpoints' refusals, as problem details that say what to do.</summary>
internal static class AdminResults
{
    /// <summary>404 while <see cref="AdminOptions.ApiKey"/> is empty.</summary>
    public static IResult Off() => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "The admin endpoints are off.",
        detail: "Set Admin:ApiKey (user secrets, or the Admin__ApiKey environment variable) to turn them on.");

    /// <summary>401 for a missing or wrong key.</summary>
    public static IResult Unauthorized(string detail) => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "An admin key is required.",
        detail: detail);
}
