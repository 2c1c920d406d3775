using System.Text.Json.Nodes;
using Chatbot.Tools.Benchmarks.Turns;

namespace Chatbot.Tools.Tests.Benchmarks.Turns;

public sealed class TurnBenchmarkReportTests
{
    [Fact]
    public void ToJson_IsOneLineWithTheScenarioFieldsAndTheAppsRatiosToBothFloors()
    {
        var report = Report(
            Scenario("echo", turns: 1000, medianMs: 2),
            Scenario("embed", turns: 200, medianMs: 10),
            Scenario("app", turns: 50, medianMs: 40));

        var line = report.ToJson();
        var json = JsonNode.Parse(line)!;

        Assert.DoesNotContain('\n', line);
        var first = json["scenarios"]![0]!.AsObject();
        Assert.Equal(["name", "turns_per_s", "p50_ms", "p95_ms", "p99_ms", "cpu_ms_per_turn", "peak_mb", "errors"], first.Select(p => p.Key));
        Assert.Equal(100, (double?)first["turns_per_s"]);
        // 1 000 ms of CPU over 1 000 turns is 1 ms each, less the baseline's 0.25.
        Assert.Equal(0.75, (double?)first["cpu_ms_per_turn"]);
        Assert.Equal(0.25, (double?)json["ratios"]!["app_vs_embed_turns_per_s"]);
        Assert.Equal(4, (double?)json["ratios"]!["app_vs_embed_p50"]);
        Assert.Equal(0.05, (double?)json["ratios"]!["app_vs_echo_turns_per_s"]);
        Assert.Equal(20, (double?)json["ratios"]!["app_vs_echo_p50"]);
        Assert.Null(json["fake_llm"]);
    }

    [Fact]
    public void Ratios_AppWithoutTurnsInTheWindow_AreLeftOutAndTheTableSaysWhy()
    {
        var report = Report(Scenario("echo", turns: 1000, medianMs: 2), Scenario("app", turns: 0, medianMs: 0));

        Assert.Empty(report.Ratios);
        Assert.Contains("app: no turn completed", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void FakeLlmOverhead_IsTheMedianLessTheModelsOwnTime()
    {
        var model = new FakeModelUsage(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10), 150, ChatRequests: 12, TurnsSent: 12);
        var report = Report(model, Scenario("fake-llm", turns: 10, medianMs: 1600));

        Assert.Equal(50, report.FakeLlmOverheadMilliseconds);
        Assert.Contains("our overhead at p50: 50.0 ms", report.ToTable(), StringComparison.Ordinal);
        Assert.Equal(1, (double?)JsonNode.Parse(report.ToJson())!["fake_llm"]!["model_calls_per_turn"]);
    }

    private static TurnBenchmarkReport Report(params ScenarioResult[] scenarios) => Report(null, scenarios);

    private static TurnBenchmarkReport Report(FakeModelUsage? model, params ScenarioResult[] scenarios) => new()
    {
        Scenarios = scenarios,
        FakeModel = model,
        Baseline = Load(turns: 4000, medianMs: 0.2, cpuMs: 1000),
        Connections = 8,
        Duration = TimeSpan.FromSeconds(10),
        Warmup = TimeSpan.FromSeconds(1),
    };

    private static ScenarioResult Scenario(string name, int turns, double medianMs) =>
        new(name, Load(turns, medianMs, cpuMs: turns), BaselineCpuMillisecondsPerTurn: 0.25);

    private static LoadResult Load(int turns, double medianMs, double cpuMs) => new()
    {
        Turns = turns,
        WarmupTime = TimeSpan.FromSeconds(1),
        Window = TimeSpan.FromSeconds(10),
        Latencies = new LatencyStats(Enumerable.Repeat(medianMs, turns)),
        CpuTime = TimeSpan.FromMilliseconds(cpuMs),
        PeakWorkingSetBytes = 100L << 20,
        TurnsSent = turns,
        Errors = 0,
        ErrorSamples = [],
    };
}
