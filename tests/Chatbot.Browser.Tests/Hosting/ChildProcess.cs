using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Chatbot.Browser.Tests.Hosting;

/// <summary>
/// A process the tests start (the bot, the Playground): its output kept line by line for waiting on and for failure
/// reports, and its whole process tree killed on dispose.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    // Enough for a start-up and a few turns; older lines are dropped so a long run does not grow without bound.
    private const int MaxLines = 4000;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private event Action<string>? LineWritten;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>What the process is, for messages.</summary>
    public string Name { get; }

    /// <summary>Whether it has ended.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Its standard output and error so far, one line each, error lines marked.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> and <paramref name="environment"/> added to this process's.</summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Add(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data, error: true);
        process.Exited += (_, _) => child._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name} did not start ({fileName}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line matching <paramref name="pattern"/> and returns its match.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>, or the process ended first.</exception>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (pattern.Match(line) is { Success: true } match)
            {
                found.TrySetResult(match);
            }
        }

        LineWritten += Check;
        try
        {
            foreach (var line in _lines)
            {
                Check(line);
            }

            var ended = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(timeout));
            if (ended == found.Task)
            {
                return await found.Task;
            }

            throw new TimeoutException(ended == _exited.Task
                ? $"{Name} exited (code {_process.ExitCode}) before printing /{pattern}/.\n{Tail()}"
                : $"{Name} did not print /{pattern}/ within {timeout.TotalSeconds:0} s.\n{Tail()}");
        }
        finally
        {
            LineWritten -= Check;
        }
    }

    /// <summary>The last lines of output, for a failure message.</summary>
    public string Tail(int lines = 60) => $"--- last output of {Name} ---\n{string.Join('\n', _lines.TakeLast(lines))}";

    /// <summary>Kills the process and everything it started, and waits for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it would not die in time: nothing more a test can do.
        }

        _process.Dispose();
    }

    private void Add(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        var text = error ? "[stderr] " + line : line;
        _lines.Enqueue(text);
        while (_lines.Count > MaxLines && _lines.TryDequeue(out _))
        {
        }

        LineWritten?.Invoke(text);
    }
}
