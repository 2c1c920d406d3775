namespace Chatbot.Hosting;

/// <summary>
/// Where the bot listens when nothing else says: http://localhost:3978, the port the Bot Framework tools expect.
/// Any address the host's own settings name wins, as in any ASP.NET Core app: <c>ASPNETCORE_URLS</c> or <c>--urls</c>
/// (the <c>urls</c> key), and <c>ASPNETCORE_HTTP_PORTS</c> / <c>ASPNETCORE_HTTPS_PORTS</c> (<c>http_ports</c>,
/// <c>https_ports</c>), which the .NET container images set to 8080.
/// </summary>
public static class DefaultListenAddress
{
    /// <summary>The address used when the configuration names none.</summary>
    public const string Url = "http://localhost:3978";

    // The host keys Kestrel reads its addresses from (WebHostDefaults.ServerUrlsKey, HttpPortsKey, HttpsPortsKey).
    private static readonly string[] AddressKeys = ["urls", "http_ports", "https_ports"];

    /// <summary>Whether the configuration names an address or port of its own.</summary>
    public static bool IsNamedBy(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddressKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));
    }

    /// <summary>Listens on <see cref="Url"/> unless the configuration names an address or port.</summary>
    public static WebApplicationBuilder UseDefaultListenAddress(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsNamedBy(builder.Configuration))
        {
            builder.WebHost.UseUrls(Url);
        }

        return builder;
    }
}
