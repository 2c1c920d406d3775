using System.Collections.Concurrent;

namespace Chatbot.Knowledge.Tests.TestSupport;

/// <summary>Collects progress reports synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly ConcurrentQueue<T> _reports = new();

    public IReadOnlyList<T> Reports => [.. _reports];

    public void Report(T value) => _reports.Enqueue(value);
}
