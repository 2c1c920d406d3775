using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tests.Hosting;

/// <summary>
/// The real app, hosted in memory through its own Program and configuration, with settings and
/// services overridden per test.
/// </summary>
public sealed class ChatbotAppFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;

    public ChatbotAppFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Testing")
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        _environment = environment;
    }

    /// <summary>
    /// One knowledge index for the whole test run: the first app builds it from knowledge/, the
    /// others load it (the tests of this assembly run one at a time, see AssemblyInfo.cs).
    /// </summary>
    public static string SharedIndexPath { get; } = Path.Combine(Path.GetTempPath(), $"chatbot-tests-{Environment.ProcessId}", "index");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Knowledge:IndexPath", SharedIndexPath);
        builder.UseSetting("Knowledge:RefreshOnStartup", "false");
        // No model server in tests: the extractive backend answers, without a start-up probe.
        builder.UseSetting("Llm:Provider", "Extractive");
        // State in the process: tests must not share, or leave behind, a database file (a test may still name one).
        builder.UseSetting("Storage:Provider", "Memory");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }
}
