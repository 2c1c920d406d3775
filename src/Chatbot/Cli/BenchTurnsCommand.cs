using System.Globalization;
using Chatbot.Tools.Benchmarks.Turns;
using Chatbot.Hosting;
using Chatbot.Protection;

namespace Chatbot.Cli;

/// <summary>
/// <c>bench turns</c>: whole turns over HTTP against two floor bots, the app, and the app on a fake
/// model (see <see cref="TurnBenchmark"/> in tools/Chatbot.Tools). This file only reads the
/// options, hands over the app as Program.cs composes it, and prints the report.
/// </summary>
internal static class BenchTurnsCommand
{
    /// <summary>Runs the benchmark; exit code 1 when any turn failed (the failures are listed on stderr).</summary>
    public static async Task<int> RunAsync(CliArguments args, CancellationToken cancellationToken)
    {
        var options = new TurnBenchmarkOptions
        {
            Duration = TimeSpan.FromSeconds(WholeNumber(args, "seconds", (int)TurnBenchmarkOptions.DefaultDuration.TotalSeconds, max: 3600)),
            Connections = WholeNumber(args, "connections", TurnBenchmarkOptions.DefaultConnections, max: 1024),
            MemorySampleInterval = TimeSpan.FromSeconds(WholeNumber(args, "sample-seconds", (int)TurnBenchmarkOptions.DefaultMemorySampleInterval.TotalSeconds, max: 3600)),
        };
        if (args.Get("scenarios") is { } scenarios)
        {
            options.Scenarios = ParseScenarios(scenarios);
        }

        var outputFolder = Path.GetFullPath(args.Get("out") ?? DefaultOutputFolder);
        var app = new AppUnderTest
        {
            AddServices = (services, configuration) =>
            {
                services.AddChatbotHost(configuration);
                // The load comes from one address, in few conversations, far faster than people type: what is
                // measured is the turn, not the rate limits.
                services.PostConfigure<ProtectionOptions>(limits =>
                {
                    limits.MessagesPerSecondPerConversation = 0;
                    limits.RequestsPerMinutePerClient = 0;
                });
            },
            // The same pipeline as Program.cs.
            Configure = web =>
            {
                web.UseExceptionHandler();
                web.UseStatusCodePages();
                web.UseProtection();
                web.MapChatbotEndpoints();
            },
        };

        var report = await new TurnBenchmark(options, app, new StandardErrorProgress()).RunAsync(cancellationToken);
        await Console.Out.WriteAsync(args.Has("json") ? report.ToJson() + Environment.NewLine : report.ToTable());
        await SaveMemoryCurvesAsync(report, outputFolder, cancellationToken);

        var failed = report.Scenarios.Where(s => s.Load.Errors > 0).ToList();
        foreach (var scenario in failed)
        {
            await Console.Error.WriteLineAsync($"{scenario.Name}: {scenario.Load.Errors} failed requests; the first:");
            foreach (var sample in scenario.Load.ErrorSamples)
            {
                await Console.Error.WriteLineAsync($"  {sample}");
            }
        }

        return failed.Count == 0 && report.Baseline.Errors == 0 ? 0 : 1;
    }

    /// <summary>Where the memory curves go when <c>--out</c> is not given: under the working directory, ignored by git.</summary>
    private const string DefaultOutputFolder = "artifacts/bench-turns";

    /// <summary>
    /// Writes every scenario's memory samples to <c>memory.csv</c> and each curve with enough samples to
    /// <c>memory-{scenario}.svg</c> in <paramref name="folder"/>, and says where on stderr.
    /// </summary>
    private static async Task SaveMemoryCurvesAsync(TurnBenchmarkReport report, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, "memory.csv");
        await File.WriteAllTextAsync(csv, MemoryTrend.ToCsv(report.Scenarios), cancellationToken);
        await Console.Error.WriteLineAsync($"memory samples: {csv}");
        foreach (var scenario in report.Scenarios)
        {
            if (MemoryTrend.Fit(scenario.Load) is { } trend)
            {
                var svg = Path.Combine(folder, $"memory-{scenario.Name}.svg");
                await File.WriteAllTextAsync(svg, MemoryTrend.ToSvg(scenario, trend), cancellationToken);
                await Console.Error.WriteLineAsync($"memory curve: {svg}");
            }
        }
    }

    private static TurnScenario[] ParseScenarios(string value)
    {
        var names = Enum.GetValues<TurnScenario>().ToDictionary(TurnBenchmark.NameOf, StringComparer.OrdinalIgnoreCase);
        var chosen = new List<TurnScenario>();
        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            chosen.Add(names.TryGetValue(name, out var scenario)
                ? scenario
                : throw new CliUsageException($"Unknown scenario '{name}' in --scenarios: {string.Join(", ", names.Keys)}."));
        }

        return chosen.Count > 0 ? [.. chosen] : throw new CliUsageException("--scenarios needs at least one of: " + string.Join(", ", names.Keys) + ".");
    }

    private static int WholeNumber(CliArguments args, string name, int fallback, int max)
    {
        var value = args.Get(name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max
            ? number
            : throw new CliUsageException($"--{name} must be a whole number from 1 to {max}.");
    }

    /// <summary>Writes progress lines as they come, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class StandardErrorProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine(value);
    }
}
