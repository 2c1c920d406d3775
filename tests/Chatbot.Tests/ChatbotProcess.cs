using System.Diagnostics;

namespace Chatbot.Tests;

/// <summary>Runs the real executable (Chatbot.dll beside the tests) as an operator would, configured through the environment.</summary>
internal static class ChatbotProcess
{
    /// <summary>What a run printed and how it ended; <see cref="TimedOut"/> when it was killed at the time limit.</summary>
    public sealed record Result(int ExitCode, string Output, string Error, bool TimedOut);

    public static async Task<Result> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Chatbot.dll"), .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = workingDirectory,
        };
        // State in the process unless a test says otherwise: runs must not share, or leave behind, a database file.
        start.Environment["Storage__Provider"] = "Memory";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, await output, await error, TimedOut: true);
        }

        return new Result(process.ExitCode, await output, await error, TimedOut: false);
    }
}
