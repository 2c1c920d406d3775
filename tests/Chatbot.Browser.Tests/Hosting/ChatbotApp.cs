using System.Reflection;
using Chatbot.Testing.Files;

namespace Chatbot.Browser.Tests.Hosting;

/// <summary>
/// The real app run as the README runs it: <c>dotnet Chatbot.dll</c> from the build of src/Chatbot in this test
/// assembly's configuration, in the Development environment on a free loopback port, with its own knowledge index in
/// a temporary folder and whatever else <see cref="StartAsync"/> is given through the environment.
/// </summary>
public sealed class ChatbotApp : IAsyncDisposable
{
    private static readonly TimeSpan _healthPollInterval = TimeSpan.FromMilliseconds(500);

    private readonly ChildProcess _process;
    private readonly string _folder;

    private ChatbotApp(ChildProcess process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The bot's endpoint, <c>/api/messages</c>.</summary>
    public Uri MessagesEndpoint => new(BaseAddress, "api/messages");

    /// <summary>What the app has logged so far (standard output and error).</summary>
    public string Output => _process.Output;

    /// <summary>The last lines the app logged, for a failure message.</summary>
    public string Tail(int lines = 60) => _process.Tail(lines);

    /// <summary>The Chatbot.dll built in this test assembly's configuration (Debug or Release).</summary>
    public static string ExecutablePath
    {
        get
        {
            var configuration = typeof(ChatbotApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name;
            return RepositoryRoot.Combine("src", "Chatbot", "bin", configuration, targetFramework, "Chatbot.dll");
        }
    }

    /// <summary>
    /// Starts the app and waits until <c>/healthz</c> answers 200: the first start builds the knowledge index, which
    /// takes minutes on a busy two-core machine.
    /// </summary>
    /// <param name="settings">Configuration as environment variables (<c>Section__Key</c>), added to the defaults.</param>
    /// <param name="startTimeout">How long the start may take.</param>
    /// <exception cref="TimeoutException">The app exited or was not healthy in time; the message holds its last output.</exception>
    public static async Task<ChatbotApp> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan startTimeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"The app is not built at {executable}: build src/Chatbot in the tests' configuration first.", executable);
        }

        var folder = Directory.CreateTempSubdirectory("chatbot-browser-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}/");
        var url = baseAddress.ToString().TrimEnd('/');
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // As an operator names the address; without it the app listens on http://localhost:3978.
            ["ASPNETCORE_URLS"] = url,
            ["Knowledge__IndexPath"] = Path.Combine(folder, "index"),
            // The default store (SQLite) in the same folder: each app its own file, deleted with the folder.
            ["Storage__ConnectionString"] = $"Data Source={Path.Combine(folder, "chatbot.db")}",
            // Development loads user secrets: a developer's own app registration must not turn authentication on here.
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["MicrosoftAppTenantId"] = "",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start("the app (Chatbot.dll)", "dotnet", [executable], environment, folder);
        var app = new ChatbotApp(process, folder, baseAddress);
        try
        {
            await app.WaitUntilHealthyAsync(startTimeout);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        TempFolder.TryDelete(_folder);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new TimeoutException($"The app exited before it was healthy.\n{_process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"/healthz answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet: Kestrel starts once the knowledge index is loaded or built.
                last = ex.Message;
            }

            await Task.Delay(_healthPollInterval);
        }

        throw new TimeoutException($"The app was not healthy within {timeout.TotalMinutes:0.#} min (last: {last}).\n{_process.Tail()}");
    }
}
