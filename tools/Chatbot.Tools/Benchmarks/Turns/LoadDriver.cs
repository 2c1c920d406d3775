using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// Drives a bot with concurrent Emulator-style conversations, one per connection, each sending its
/// next message as soon as the previous reply has arrived (a closed loop). A turn is one POST to
/// <c>/api/messages</c>, timed from sending the request to having read the whole response.
/// </summary>
/// <remarks>
/// The run has a warm-up (the given time, and at least until every conversation has had one turn),
/// then a measured window. A turn counts for the window when it completes
/// inside it; in a steady state that makes completions per second the throughput, and the process
/// CPU time read at the window's edges the CPU those turns cost. After the window, turns in flight
/// finish unmeasured. Errors are counted over the whole run, warm-up and drain included.
/// </remarks>
public sealed class LoadDriver
{
    private const int MaxErrorSamples = 5;

    private readonly HttpClient _http;
    private readonly int _connections;
    private readonly IReadOnlyList<string> _questions;
    private readonly TimeSpan _memorySampleInterval;

    /// <param name="http">The client every conversation shares; its handler should allow <paramref name="connections"/> connections per server.</param>
    /// <param name="connections">Concurrent conversations.</param>
    /// <param name="questions">The messages, asked in rotation.</param>
    /// <param name="memorySampleInterval">How often the working set and managed heap go into <see cref="LoadResult.MemorySamples"/> (default 30 s).</param>
    public LoadDriver(HttpClient http, int connections, IReadOnlyList<string> questions, TimeSpan? memorySampleInterval = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(connections);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentOutOfRangeException.ThrowIfZero(questions.Count, nameof(questions));
        _http = http;
        _connections = connections;
        _questions = questions;
        _memorySampleInterval = memorySampleInterval ?? TurnBenchmarkOptions.DefaultMemorySampleInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_memorySampleInterval, TimeSpan.Zero, nameof(memorySampleInterval));
    }

    /// <summary>Runs the conversations against the bot at <paramref name="baseAddress"/> for <paramref name="warmup"/> plus <paramref name="duration"/>.</summary>
    /// <param name="baseAddress">The bot's root address; turns go to <c>api/messages</c> under it.</param>
    /// <param name="name">Goes into the conversation ids, so a bot's logs show which run a conversation belongs to.</param>
    /// <param name="warmup">Unmeasured time first (JIT, caches, connection set-up).</param>
    /// <param name="duration">The measured window.</param>
    /// <param name="cancellationToken">Stops the run, in-flight turns included.</param>
    public async Task<LoadResult> RunAsync(Uri baseAddress, string name, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmup, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        var run = new Run(this, new Uri(baseAddress, "api/messages"), baseAddress, name);
        var started = Stopwatch.GetTimestamp();
        await using var sampler = ResourceSampler.Start(_memorySampleInterval, () => run.TurnsSent);
        var conversations = Enumerable.Range(0, _connections).Select(i => run.ConverseAsync(i, cancellationToken)).ToArray();

        // A cold host can take longer than the warm-up over its first turns (models load on first use):
        // the window opens once every conversation has had one, however long that takes.
        await Task.WhenAll(Task.Delay(warmup, cancellationToken), run.FirstTurnsDone.WaitAsync(cancellationToken));
        var cpuBefore = ResourceSampler.ProcessCpuTime();
        var windowStart = Stopwatch.GetTimestamp();
        await Task.Delay(duration, cancellationToken);
        var cpuAfter = ResourceSampler.ProcessCpuTime();
        var windowEnd = Stopwatch.GetTimestamp();
        var peak = sampler.PeakWorkingSetBytes;
        sampler.Record();
        run.Stop();

        var latencies = (await Task.WhenAll(conversations))
            .SelectMany(turns => turns)
            .Where(turn => turn.Succeeded && turn.End >= windowStart && turn.End <= windowEnd)
            .Select(turn => Stopwatch.GetElapsedTime(turn.Start, turn.End).TotalMilliseconds)
            .ToList();

        return new LoadResult
        {
            Turns = latencies.Count,
            WarmupTime = Stopwatch.GetElapsedTime(started, windowStart),
            Window = Stopwatch.GetElapsedTime(windowStart, windowEnd),
            Latencies = new LatencyStats(latencies),
            CpuTime = cpuAfter - cpuBefore,
            PeakWorkingSetBytes = peak,
            TurnsSent = run.TurnsSent,
            Errors = run.Errors,
            ErrorSamples = run.ErrorSamples,
            MemorySamples = sampler.Timeline,
        };
    }

    private readonly record struct TurnTiming(long Start, long End, bool Succeeded);

    /// <summary>One run's conversations and what went wrong in them.</summary>
    private sealed class Run(LoadDriver driver, Uri endpoint, Uri serviceUrl, string name)
    {
        private readonly ConcurrentQueue<string> _errorSamples = new();
        private readonly TaskCompletionSource _firstTurnsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _conversationsWithoutTurn = driver._connections;
        private volatile bool _stopping;
        private int _errors;
        private int _turnsSent;

        public int Errors => Volatile.Read(ref _errors);

        public int TurnsSent => Volatile.Read(ref _turnsSent);

        public IReadOnlyList<string> ErrorSamples => [.. _errorSamples];

        /// <summary>Completes when every conversation has finished its first message turn, successful or not.</summary>
        public Task FirstTurnsDone => _firstTurnsDone.Task;

        public void Stop() => _stopping = true;

        public async Task<List<TurnTiming>> ConverseAsync(int index, CancellationToken cancellationToken)
        {
            // Let every conversation start on its own thread-pool work item, not inline in the caller's loop.
            await Task.Yield();
            var conversationId = $"bench-{name}-{index}-{Guid.NewGuid():N}";
            var turns = new List<TurnTiming>();
            await SendAsync(EmulatorActivity.ConversationStart(conversationId, serviceUrl), needsReply: false, cancellationToken);
            for (var turn = 0; !_stopping; turn++)
            {
                var question = driver._questions[(index + turn) % driver._questions.Count];
                Interlocked.Increment(ref _turnsSent);
                turns.Add(await SendAsync(EmulatorActivity.Message(conversationId, serviceUrl, question), needsReply: true, cancellationToken));
                if (turn == 0 && Interlocked.Decrement(ref _conversationsWithoutTurn) == 0)
                {
                    _firstTurnsDone.TrySetResult();
                }
            }

            return turns;
        }

        private async Task<TurnTiming> SendAsync(byte[] activity, bool needsReply, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(activity) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await driver._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var end = Stopwatch.GetTimestamp();

                if (!response.IsSuccessStatusCode)
                {
                    return Failed(start, end, $"HTTP {(int)response.StatusCode}: {Excerpt(body)}");
                }

                var replies = EmulatorActivity.ReadReplies(body);
                if (replies.TurnFailed)
                {
                    return Failed(start, end, $"HTTP {(int)response.StatusCode} with the bot's error trace (the turn failed): {Excerpt(body)}");
                }

                if (needsReply && !replies.Readable)
                {
                    return Failed(start, end, $"HTTP {(int)response.StatusCode} whose body is not an expectReplies response: {Excerpt(body)}");
                }

                if (needsReply && replies.Messages == 0)
                {
                    return Failed(start, end, $"HTTP {(int)response.StatusCode} without a message reply: {Excerpt(body)}");
                }

                return new TurnTiming(start, end, Succeeded: true);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException)
            {
                // TaskCanceledException without our token cancelled is HttpClient's timeout.
                return Failed(start, Stopwatch.GetTimestamp(), $"{ex.GetType().Name}: {ex.Message}");
            }
        }

        private TurnTiming Failed(long start, long end, string reason)
        {
            Interlocked.Increment(ref _errors);
            if (_errorSamples.Count < MaxErrorSamples)
            {
                _errorSamples.Enqueue(reason);
            }

            return new TurnTiming(start, end, Succeeded: false);
        }

        private static string Excerpt(byte[] body)
        {
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
            return text.Length == 0 ? "(empty body)" : text;
        }
    }
}
