using Microsoft.Playwright;

namespace Chatbot.Browser.Tests.Browsers;

/// <summary>
/// Headless Chromium from the machine (Debian's <c>/usr/bin/chromium</c>, or <c>CHROMIUM_PATH</c>), driven by
/// Playwright: one browser for the test run, a fresh context per page. No browser is downloaded.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>The viewport of every page: wide enough for the Playground's chat list, conversation and log panel.</summary>
    public static readonly ViewportSize Viewport = new() { Width = 1400, Height = 1000 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium the tests drive.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            // The tests say so themselves (BrowserFactAttribute); starting nothing keeps the fixture from failing first.
            return;
        }

        // Generous for a two-core machine that may be building or testing something else at the same time.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The machine has no network but loopback: nothing for Chromium to fetch, and QUIC probes only fail.
            Args = ["--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>
    /// A page in a new context whose requests may reach loopback only: pages that load fonts or scripts from a CDN
    /// (the Playground does) get an immediate failure instead of a DNS lookup that cannot succeed here.
    /// </summary>
    public async Task<BrowserPage> NewPageAsync()
    {
        var browser = _browser ?? throw new InvalidOperationException($"Chromium is not running (looked for {ExecutablePath}).");
        var context = await browser.NewContextAsync(new() { ViewportSize = Viewport, Locale = "en-US", TimezoneId = "UTC" });
        await context.RouteAsync("**/*", route => IsLoopback(route.Request.Url) ? route.ContinueAsync() : route.AbortAsync("blockedbyclient"));
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static bool IsLoopback(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is "data" or "blob" || uri.IsLoopback;
}
