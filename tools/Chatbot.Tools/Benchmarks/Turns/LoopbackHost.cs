using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// Kestrel on 127.0.0.1 with an ephemeral port, logging only warnings (to stderr), so every host
/// of the benchmark is set up alike and nothing is reachable from outside the machine.
/// </summary>
internal static class LoopbackHost
{
    /// <summary>The address every host binds; port 0 lets the OS pick a free one.</summary>
    public const string Url = "http://127.0.0.1:0";

    /// <summary>
    /// A builder with the default ASP.NET Core configuration sources under <paramref name="contentRoot"/>,
    /// then <paramref name="settings"/>, which win over all of them.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IEnumerable<KeyValuePair<string, string?>>? settings = null, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = contentRoot ?? AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(
        [
            new("Urls", Url),
            // Per-request logging at Information would measure the console, not the bot.
            new("Logging:LogLevel:Default", "Warning"),
            new("Logging:LogLevel:Microsoft", "Warning"),
            new("Logging:LogLevel:System.Net.Http.HttpClient", "Warning"),
            .. settings ?? [],
        ]);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>Starts <paramref name="app"/> and returns the root address it listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.Single();
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Stops and disposes <paramref name="app"/>, then returns its memory to the OS so the next host's peak is its own.</summary>
    public static async Task StopAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
