using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Chatbot.Tests.Admin;

/// <summary>Keeps every log line the app writes, at every level, with its state's values and any exception.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue((LogLevel.Trace, category, "scope: " + Describe(state)));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The message, every structured value (some are not in the message) and the exception.
            lines.Enqueue((logLevel, category, $"{formatter(state, exception)} | {Describe(state)} | {exception}"));
        }

        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
            : state?.ToString() ?? string.Empty;
    }
}
