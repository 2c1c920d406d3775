using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>The outcome of a <see cref="TurnBenchmark"/> run, as a table for people or one line of JSON.</summary>
public sealed class TurnBenchmarkReport
{
    /// <summary>The scenarios, in the order they ran.</summary>
    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    /// <summary>The no-op baseline: the load driver against an endpoint that answers at once without a bot.</summary>
    public required LoadResult Baseline { get; init; }

    /// <summary>Concurrent conversations.</summary>
    public required int Connections { get; init; }

    /// <summary>The measured time per scenario.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The unmeasured warm-up per scenario.</summary>
    public required TimeSpan Warmup { get; init; }

    /// <summary>The knowledge index the app scenarios answered from (full path), when they ran.</summary>
    public string? IndexPath { get; init; }

    /// <summary>How long the fake model took per answer and how often the app called it, when fake-llm ran.</summary>
    public FakeModelUsage? FakeModel { get; init; }

    /// <summary>The scenario of that name, or null when it did not run.</summary>
    public ScenarioResult? Find(string name) => Scenarios.FirstOrDefault(s => s.Name == name);

    /// <summary>
    /// The app against the two floors: its turns per second and its median latency each divided by
    /// the floor's. Only the pairs whose scenarios both ran and both had turns in their window.
    /// </summary>
    public IReadOnlyDictionary<string, double> Ratios
    {
        get
        {
            var ratios = new Dictionary<string, double>(StringComparer.Ordinal);
            if (Find("app") is not { Load.Turns: > 0 } app)
            {
                return ratios;
            }

            foreach (var floor in new[] { "embed", "echo" })
            {
                if (Find(floor) is { Load.Turns: > 0 } other)
                {
                    AddRatio(ratios, $"app_vs_{floor}_turns_per_s", app.Load.TurnsPerSecond, other.Load.TurnsPerSecond);
                    AddRatio(ratios, $"app_vs_{floor}_p50", app.Load.Latencies.P50, other.Load.Latencies.P50);
                }
            }

            return ratios;
        }
    }

    /// <summary>What the app adds to a model answer: fake-llm's median latency minus the model's own time.</summary>
    public double? FakeLlmOverheadMilliseconds =>
        Find("fake-llm") is { Load.Turns: > 0 } fake && FakeModel is { } model ? fake.Load.Latencies.P50 - model.AnswerTime.TotalMilliseconds : null;

    /// <summary>
    /// One line: <c>{"scenarios":[{"name",...,"errors"}],"ratios":{...},"baseline":{...},"fake_llm":{...}}</c>;
    /// milliseconds to 0.1 (CPU to 0.001), ratios to 0.001.
    /// </summary>
    public string ToJson()
    {
        var scenarios = new JsonArray();
        foreach (var scenario in Scenarios)
        {
            scenarios.Add(new JsonObject
            {
                ["name"] = scenario.Name,
                ["turns_per_s"] = Math.Round(scenario.Load.TurnsPerSecond, 1),
                ["p50_ms"] = Math.Round(scenario.Load.Latencies.P50, 1),
                ["p95_ms"] = Math.Round(scenario.Load.Latencies.P95, 1),
                ["p99_ms"] = Math.Round(scenario.Load.Latencies.P99, 1),
                ["cpu_ms_per_turn"] = Math.Round(scenario.CpuMillisecondsPerTurn, 3),
                ["peak_mb"] = Math.Round(scenario.PeakMegabytes, 1),
                ["errors"] = scenario.Load.Errors,
            });
        }

        var ratios = new JsonObject();
        foreach (var (name, value) in Ratios)
        {
            ratios[name] = Math.Round(value, 3);
        }

        var json = new JsonObject
        {
            ["scenarios"] = scenarios,
            ["ratios"] = ratios,
            ["baseline"] = new JsonObject
            {
                ["turns_per_s"] = Math.Round(Baseline.TurnsPerSecond, 1),
                ["cpu_ms_per_turn"] = Math.Round(Baseline.CpuMillisecondsPerTurn, 3),
                ["errors"] = Baseline.Errors,
            },
        };
        if (FakeModel is { } model)
        {
            json["fake_llm"] = new JsonObject
            {
                ["model_ms"] = Math.Round(model.AnswerTime.TotalMilliseconds, 1),
                ["overhead_p50_ms"] = FakeLlmOverheadMilliseconds is { } overhead ? Math.Round(overhead, 1) : null,
                ["model_calls_per_turn"] = Math.Round(model.CallsPerTurn, 3),
            };
        }

        return json.ToJsonString();
    }

    /// <summary>A table with one row per scenario, then the ratios, the baseline and the fake model's share.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        Line(text, $"bench turns: {Connections} conversations on loopback, {Seconds(Duration)} s measured per scenario after {Seconds(Warmup)} s warm-up");
        // "turns" is how many turns the percentiles come from: p99 of 30 turns is their slowest.
        Line(text, $"{"scenario",-10}{"turns",8}{"turns/s",10}{"p50 ms",10}{"p95 ms",10}{"p99 ms",10}{"CPU ms/turn",13}{"peak MB",10}{"errors",8}");
        foreach (var s in Scenarios)
        {
            Line(text, $"{s.Name,-10}{s.Load.Turns,8}{s.Load.TurnsPerSecond,10:F1}{s.Load.Latencies.P50,10:F1}{s.Load.Latencies.P95,10:F1}{s.Load.Latencies.P99,10:F1}{s.CpuMillisecondsPerTurn,13:F3}{s.PeakMegabytes,10:F0}{s.Load.Errors,8}");
        }

        foreach (var s in Scenarios.Where(s => s.Load.Turns == 0))
        {
            Line(text, $"{s.Name}: no turn completed in the {Seconds(Duration)} s window, so it has no latency, throughput or ratio; measure longer.");
        }

        text.AppendLine();
        var ratios = Ratios;
        foreach (var floor in new[] { "embed", "echo" })
        {
            if (ratios.TryGetValue($"app_vs_{floor}_turns_per_s", out var throughput) && ratios.TryGetValue($"app_vs_{floor}_p50", out var median))
            {
                Line(text, $"app ÷ {floor,-5}  turns/s {throughput,8:F3}   p50 {median,8:F2}");
            }
        }

        if (FakeModel is { } model)
        {
            var overhead = FakeLlmOverheadMilliseconds is { } ms ? $"{ms:F1} ms" : "n/a (no successful turn)";
            Line(text, $"fake-llm: the model takes {model.AnswerTime.TotalMilliseconds:F0} ms per answer ({model.FirstTokenDelay.TotalMilliseconds:F0} ms to the first token + {model.TokenCount} × {model.TokenDelay.TotalMilliseconds:F0} ms); our overhead at p50: {overhead}; {model.CallsPerTurn:F2} model calls per turn");
        }

        Line(text, $"CPU ms/turn: process CPU in the window ÷ turns, minus the no-op baseline ({Baseline.CpuMillisecondsPerTurn:F3} ms/turn at {Baseline.TurnsPerSecond:F0} turns/s: the load driver and a bare HTTP round trip, same process).");
        text.AppendLine("peak MB: the whole process's working set, sampled every 100 ms (host under test, load driver, and what earlier scenarios left).");
        if (IndexPath is not null)
        {
            Line(text, $"index: {IndexPath}");
        }

        AppendMemoryCurves(text);
        return text.ToString();
    }

    /// <summary>Each scenario's memory curve and its slope, when its window held enough samples for one.</summary>
    private void AppendMemoryCurves(StringBuilder text)
    {
        foreach (var s in Scenarios)
        {
            if (MemoryTrend.Fit(s.Load) is not { } trend)
            {
                continue;
            }

            text.AppendLine();
            Line(text, $"memory, {s.Name} (seconds since the run started; measured window {s.Load.WarmupTime.TotalSeconds:0}–{(s.Load.WarmupTime + s.Load.Window).TotalSeconds:0} s):");
            Line(text, $"{"t s",8}{"working set MB",16}{"GC heap MB",12}{"live heap MB",14}{"turns sent",12}");
            foreach (var sample in s.Load.MemorySamples)
            {
                Line(text, $"{sample.Elapsed.TotalSeconds,8:F0}{sample.WorkingSetMegabytes,16:F1}{sample.GcHeapMegabytes,12:F1}{sample.LiveHeapMegabytes,14:F1}{sample.TurnsSent,12}");
            }

            Line(text, $"{s.Name}: {trend}");
        }
    }

    private static void AddRatio(Dictionary<string, double> ratios, string name, double numerator, double denominator)
    {
        if (denominator > 0)
        {
            ratios[name] = numerator / denominator;
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
