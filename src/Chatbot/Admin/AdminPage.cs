namespace Chatbot.Admin;

/// <summary>
/// The report page at <c>/admin</c> (AdminPage/admin.html, built into the executable): it holds no data, asks for the
/// key and fetches <c>/admin/report</c> with it. Its script, style sheet and Chart.js come from <c>/admin/*.js|css</c>
/// in wwwroot (see AdminPage/AdminPage.targets).
/// </summary>
public static class AdminPage
{
    /// <summary>The page's name in the executable's resources.</summary>
    public const string ResourceName = "Chatbot.AdminPage.admin.html";

    /// <summary>Only the app's own scripts, styles and requests; no inline code of any kind, no frames, no forms elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> s_html = new(Load);

    /// <summary>Writes the page with its security headers.</summary>
    public static IResult Serve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(s_html.Value, "text/html; charset=utf-8");
    }

    private static byte[] Load()
    {
        using var stream = typeof(AdminPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The admin page ({ResourceName}) is not in the executable's resources.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
