using Microsoft.AspNetCore.StaticFiles;

namespace Chatbot.Hosting;

/// <summary>
/// Serves the Web Chat page that the build places in the output's wwwroot (see WebChat/WebChat.targets):
/// <c>/</c> is <c>index.html</c>, next to it the Web Chat bundle, the page's script and its style sheet.
/// </summary>
public static class WebChatPageExtensions
{
    /// <summary>
    /// What the page may load: its own scripts, styles and Direct Line calls, nothing from elsewhere.
    /// Styles allow 'unsafe-inline' because Web Chat writes its styles into &lt;style&gt; elements at run time.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the static files of wwwroot, with <c>/</c> mapped to <c>index.html</c>.</summary>
    public static IApplicationBuilder UseWebChatPage(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseDefaultFiles();
        return app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = AddHeaders });
    }

    private static void AddHeaders(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // The files change with each build under the same names: browsers revalidate (a 304 when unchanged).
        headers.CacheControl = "no-cache";
        if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
        }
    }
}
