using Microsoft.Playwright;

namespace Chatbot.Browser.Tests.Browsers;

/// <summary>A page in a context of its own, closed with it; console errors are kept for failure reports.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _console = [];

    internal BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (_console)
                {
                    _console.Add($"{message.Type}: {message.Text}");
                }
            }
        };
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>The page's console errors and warnings so far.</summary>
    public IReadOnlyList<string> ConsoleMessages
    {
        get
        {
            lock (_console)
            {
                return [.. _console];
            }
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
