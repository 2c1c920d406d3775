using System.Text.Json.Nodes;
using Chatbot.Tools.Benchmarks.Turns;

namespace Chatbot.Tools.Tests.Benchmarks.Turns;

public sealed class TurnBenchmarkTests
{
    [Fact]
    public async Task RunAsync_EchoForOneSecondOnTwoConnections_HasTurnsAndNoErrors()
    {
        var options = new TurnBenchmarkOptions
        {
            Scenarios = [TurnScenario.Echo],
            Connections = 2,
            Duration = TimeSpan.FromSeconds(1),
            Warmup = TimeSpan.FromMilliseconds(200),
            BaselineDuration = TimeSpan.FromMilliseconds(500),
        };

        var report = await new TurnBenchmark(options).RunAsync();

        var echo = Assert.Single(report.Scenarios);
        Assert.Equal("echo", echo.Name);
        Assert.True(echo.Load.Turns > 0, "No echo turn completed in the window.");
        Assert.Equal(0, echo.Load.Errors);
        Assert.Empty(echo.Load.ErrorSamples);
        Assert.Equal(0, report.Baseline.Errors);
        Assert.True(echo.Load.Latencies.P50 > 0);
        Assert.True(echo.PeakMegabytes > 0);

        var json = JsonNode.Parse(report.ToJson())!;
        Assert.Equal("echo", (string?)json["scenarios"]![0]!["name"]);
        Assert.Empty(json["ratios"]!.AsObject());
    }

    [Theory]
    [InlineData(TurnScenario.App)]
    [InlineData(TurnScenario.FakeLlm)]
    public void Constructor_AppScenarioWithoutTheApp_Throws(TurnScenario scenario)
    {
        Assert.Throws<ArgumentException>(() => new TurnBenchmark(new TurnBenchmarkOptions { Scenarios = [scenario] }));
    }
}
