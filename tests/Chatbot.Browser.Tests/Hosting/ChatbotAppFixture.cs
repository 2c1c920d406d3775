using Chatbot.Testing;

namespace Chatbot.Browser.Tests.Hosting;

/// <summary>
/// One app process for every browser test (see <see cref="Browsers.BrowserCollection"/>), answering through Ollama's
/// HTTP API from a fake server in the test process that streams <see cref="GanAnswer"/>. Its first start builds the
/// knowledge index, so it is shared, and started by the first test that asks for it (skipped tests start nothing).
/// </summary>
public sealed class ChatbotAppFixture : IAsyncLifetime
{
    /// <summary>How long the app may take to build its index and answer /healthz, on a busy two-core machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The app's admin key (Admin:ApiKey), which the admin report tests send.</summary>
    public const string AdminKey = "browser-tests-admin-key-0042";

    private readonly Lazy<Task<ChatbotApp>> _app;
    private FakeOllamaServer? _model;

    public ChatbotAppFixture()
    {
        // A failed start is kept: the next test reports it at once instead of waiting for another.
        _app = new Lazy<Task<ChatbotApp>>(StartAsync);
    }

    /// <summary>The fake model server, with every request it received; null until the app is started.</summary>
    public FakeOllamaServer? Model => _model;

    /// <summary>The running app, started on first use.</summary>
    public Task<ChatbotApp> GetAppAsync() => _app.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app.IsValueCreated && _app.Value.IsCompletedSuccessfully)
        {
            await _app.Value.Result.DisposeAsync();
        }

        if (_model is not null)
        {
            await _model.DisposeAsync();
        }
    }

    private async Task<ChatbotApp> StartAsync()
    {
        _model = await FakeOllamaServer.StartAsync("llama3.2:latest");
        _model.DefaultScript = GanAnswer.Script;
        return await ChatbotApp.StartAsync(
            new Dictionary<string, string>
            {
                ["Llm__Provider"] = "Ollama",
                ["Llm__Ollama__Endpoint"] = _model.BaseAddress.ToString(),
                ["Llm__Ollama__Model"] = "llama3.2",
                ["Admin__ApiKey"] = AdminKey,
            },
            StartTimeout);
    }
}
