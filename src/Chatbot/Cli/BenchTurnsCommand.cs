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
        };
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
