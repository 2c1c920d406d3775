using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.AI.Pipeline;

/// <summary>
/// Keeps a model backend from hanging or breaking a turn: a first-token timeout and a total timeout, retries with
/// backoff on transient errors only before any content reached the caller (a retry mid-stream would duplicate text),
/// and a circuit breaker. Every failure surfaces as a <see cref="ChatBackendException"/>; cancellation by the caller
/// stays an <see cref="OperationCanceledException"/> and never counts as a failure.
/// </summary>
/// <remarks>
/// Timeouts are not retried: a slow backend is better answered by the extractive fallback than by a second wait.
/// The first-token timeout applies to streaming calls, where a first token can be seen; once text flows, the same
/// span bounds the silence between two updates (a stalled stream). A non-streaming call is bounded by the total timeout.
/// </remarks>
public sealed partial class ResilientChatClient : DelegatingChatClient
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly CircuitBreaker _breaker;
    private TimeSpan _firstTokenTimeout = TimeSpan.FromSeconds(20);
    private TimeSpan? _stallTimeout;
    private TimeSpan _totalTimeout = TimeSpan.FromSeconds(90);
    private int _maxRetries = 2;
    private TimeSpan _retryBaseDelay = TimeSpan.FromMilliseconds(250);
    private int _breakAfterFailures = 3;
    private TimeSpan _breakDuration = TimeSpan.FromSeconds(60);

    public ResilientChatClient(IChatClient innerClient, ILogger? logger = null, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _breaker = new CircuitBreaker(_timeProvider);
    }

    /// <summary>How long a streaming call may wait for its first content. Default 20 s.</summary>
    public TimeSpan FirstTokenTimeout
    {
        get => _firstTokenTimeout;
        set => _firstTokenTimeout = Positive(value);
    }

    /// <summary>How long a stream may stay silent between two updates once content flows. Default: <see cref="FirstTokenTimeout"/>.</summary>
    public TimeSpan StallTimeout
    {
        get => _stallTimeout ?? _firstTokenTimeout;
        set => _stallTimeout = Positive(value);
    }

    /// <summary>The most a call may take, retries and backoff included. Default 90 s.</summary>
    public TimeSpan TotalTimeout
    {
        get => _totalTimeout;
        set => _totalTimeout = Positive(value);
    }

    /// <summary>How many times a transient failure is retried before any content was streamed. Default 2.</summary>
    public int MaxRetries
    {
        get => _maxRetries;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxRetries = value;
        }
    }

    /// <summary>The first backoff; each further retry doubles it (with ±25 % jitter). Default 250 ms.</summary>
    public TimeSpan RetryBaseDelay
    {
        get => _retryBaseDelay;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _retryBaseDelay = value;
        }
    }

    /// <summary>After this many consecutive failed calls the circuit opens. Default 3.</summary>
    public int BreakAfterFailures
    {
        get => _breakAfterFailures;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _breakAfterFailures = value;
        }
    }

    /// <summary>How long an open circuit fails calls fast before it lets a trial call through. Default 60 s.</summary>
    public TimeSpan BreakDuration
    {
        get => _breakDuration;
        set => _breakDuration = Positive(value);
    }

    /// <summary>The circuit breaker's state, for health reports.</summary>
    public ChatCircuitState CircuitState => _breaker.State;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var lease = EnterCircuit();
        var deadline = _timeProvider.GetUtcNow() + _totalTimeout;
        using var timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);

        for (var attempt = 1; ; attempt++)
        {
            var remaining = deadline - _timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw Fail(lease, new ChatFailure(ChatBackendFailureKind.Timeout, false, null, "total timeout"), attempt - 1, partial: false, null);
            }

            timer.CancelAfter(remaining);
            Task<ChatResponse>? call = null;
            try
            {
                call = InnerClient.GetResponseAsync(messages, options, linked.Token);
                var response = await call.WaitAsync(linked.Token);
                Succeed(lease);
                return response;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ObserveAbandoned(call);
                CancelledByCaller(lease);
                throw;
            }
            catch (Exception ex) when (timer.IsCancellationRequested)
            {
                ObserveAbandoned(call);
                throw Fail(lease, new ChatFailure(ChatBackendFailureKind.Timeout, false, null, "total timeout"), attempt, partial: false, ex);
            }
            catch (Exception ex)
            {
                var failure = ChatFailureClassifier.Classify(ex);
                if (!await CanRetryAsync(failure, attempt, deadline, linked.Token, cancellationToken, lease))
                {
                    throw Fail(lease, failure, attempt, partial: false, ex);
                }
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var lease = EnterCircuit();
        var call = new StreamingCall(this, lease, messages, options, cancellationToken);
        try
        {
            while (await call.NextAsync() is { } update)
            {
                yield return update;
            }
        }
        finally
        {
            await call.DisposeAsync();
        }
    }

    private CircuitLease EnterCircuit()
    {
        if (_breaker.TryEnter(out var lease, out var retryAfter, out var becameHalfOpen))
        {
            if (becameHalfOpen)
            {
                Log.CircuitHalfOpen(_logger);
            }

            return lease;
        }

        Log.CircuitOpenRejected(_logger, retryAfter);
        throw new ChatBackendException(
            ChatBackendFailureKind.CircuitOpen,
            $"The model backend failed {_breakAfterFailures} times in a row; calls are suspended for {retryAfter.TotalSeconds:0.#} s more.")
        {
            RetryAfter = retryAfter,
        };
    }

    private void Succeed(CircuitLease lease)
    {
        if (_breaker.RecordSuccess(lease))
        {
            Log.CircuitClosed(_logger);
        }
    }

    private void CancelledByCaller(CircuitLease lease)
    {
        _breaker.RecordNoOutcome(lease);
        Log.CancelledByCaller(_logger);
    }

    private ChatBackendException Fail(CircuitLease lease, ChatFailure failure, int attempts, bool partial, Exception? exception)
    {
        Log.CallFailed(_logger, failure.Kind, failure.Reason, attempts, partial, exception);
        if (_breaker.RecordFailure(lease, _breakAfterFailures, _breakDuration))
        {
            Log.CircuitOpened(_logger, _breakAfterFailures, _breakDuration);
        }

        var message = failure.Kind switch
        {
            ChatBackendFailureKind.Timeout => $"The model backend did not answer in time ({failure.Reason}).",
            ChatBackendFailureKind.Unavailable => $"The model backend is unavailable ({failure.Reason}) after {attempts} attempt(s).",
            ChatBackendFailureKind.BrokenStream => $"The model's answer broke off ({failure.Reason}).",
            _ => $"The model backend gave an unusable answer ({failure.Reason}).",
        };
        return new ChatBackendException(failure.Kind, message, exception)
        {
            Attempts = attempts,
            StatusCode = failure.StatusCode,
            PartialContentStreamed = partial,
        };
    }

    /// <summary>Waits out the backoff when another attempt is allowed and fits before the deadline.</summary>
    private async Task<bool> CanRetryAsync(
        ChatFailure failure, int attempt, DateTimeOffset deadline, CancellationToken linkedToken, CancellationToken callerToken, CircuitLease lease)
    {
        if (!failure.IsTransient || attempt > _maxRetries)
        {
            return false;
        }

        var delay = Backoff(attempt);
        if (_timeProvider.GetUtcNow() + delay >= deadline)
        {
            return false;
        }

        Log.Retrying(_logger, attempt, failure.Reason, delay);
        try
        {
            await Task.Delay(delay, _timeProvider, linkedToken);
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            CancelledByCaller(lease);
            throw;
        }

        return true;
    }

    /// <summary>An inner call given up on may still fail later; its exception is observed here so it goes nowhere.</summary>
    private static void ObserveAbandoned(Task? call)
    {
        if (call is { IsCompleted: false })
        {
            _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _retryBaseDelay * Math.Pow(2, attempt - 1);
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return exponential * jitter;
    }

    private static TimeSpan Positive(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
        return value;
    }

    /// <summary>
    /// One streaming call across its attempts. Updates without content (e.g. OpenAI's role-only first chunk) are held
    /// back until content arrives, so that a retry never follows anything the caller has seen.
    /// </summary>
    private sealed class StreamingCall : IAsyncDisposable
    {
        private readonly ResilientChatClient _owner;
        private readonly CircuitLease _lease;
        private readonly IEnumerable<ChatMessage> _messages;
        private readonly ChatOptions? _options;
        private readonly CancellationToken _callerToken;
        private readonly CancellationTokenSource _timer;
        private readonly CancellationTokenSource _linked;
        private readonly DateTimeOffset _deadline;
        private readonly Queue<ChatResponseUpdate> _ready = new();
        private readonly List<ChatResponseUpdate> _held = [];
        private IAsyncEnumerator<ChatResponseUpdate>? _enumerator;
        private DateTimeOffset _attemptStart;
        private int _attempt;
        private bool _contentStreamed;
        private bool _finished;
        private bool _timerIsDeadline;

        public StreamingCall(ResilientChatClient owner, CircuitLease lease, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken callerToken)
        {
            _owner = owner;
            _lease = lease;
            _messages = messages;
            _options = options;
            _callerToken = callerToken;
            _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, owner._timeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timer.Token);
            _deadline = owner._timeProvider.GetUtcNow() + owner._totalTimeout;
        }

        private TimeProvider Clock => _owner._timeProvider;

        /// <summary>The next update for the caller, or null at the end of the answer.</summary>
        public async Task<ChatResponseUpdate?> NextAsync()
        {
            while (true)
            {
                if (_ready.TryDequeue(out var ready))
                {
                    return ready;
                }

                if (_finished)
                {
                    return null;
                }

                _enumerator ??= StartAttempt();
                var now = Clock.GetUtcNow();
                var silenceAllowed = _contentStreamed ? _owner.StallTimeout : _owner._firstTokenTimeout - (now - _attemptStart);
                var untilDeadline = _deadline - now;
                _timerIsDeadline = untilDeadline <= silenceAllowed;
                var wait = _timerIsDeadline ? untilDeadline : silenceAllowed;
                if (wait <= TimeSpan.Zero)
                {
                    throw await FailAsync(TimeoutFailure(), pending: null, exception: null);
                }

                _timer.CancelAfter(wait);
                Task<bool>? pending = null;
                bool hasUpdate;
                try
                {
                    var moveNext = _enumerator.MoveNextAsync();
                    if (moveNext.IsCompleted)
                    {
                        hasUpdate = await moveNext;
                    }
                    else
                    {
                        // WaitAsync lets the timeout win even over an inner client that ignores cancellation.
                        pending = moveNext.AsTask();
                        hasUpdate = await pending.WaitAsync(_linked.Token);
                    }
                }
                catch (OperationCanceledException) when (_callerToken.IsCancellationRequested)
                {
                    _finished = true;
                    await AbandonAsync(pending);
                    _owner.CancelledByCaller(_lease);
                    throw;
                }
                catch (Exception ex) when (_timer.IsCancellationRequested)
                {
                    throw await FailAsync(TimeoutFailure(), pending, ex);
                }
                catch (Exception ex)
                {
                    _timer.CancelAfter(Timeout.InfiniteTimeSpan);
                    var failure = ChatFailureClassifier.Classify(ex);
                    if (_contentStreamed)
                    {
                        throw await FailAsync(failure with { Kind = ChatBackendFailureKind.BrokenStream, IsTransient = false }, pending, ex);
                    }

                    await AbandonAsync(pending);
                    if (!await _owner.CanRetryAsync(failure, _attempt, _deadline, _linked.Token, _callerToken, _lease))
                    {
                        _finished = true;
                        throw _owner.Fail(_lease, failure, _attempt, partial: false, ex);
                    }

                    continue;
                }

                _timer.CancelAfter(Timeout.InfiniteTimeSpan);
                if (!hasUpdate && _callerToken.IsCancellationRequested)
                {
                    // Some clients (OllamaSharp) end the stream quietly when cancelled; the answer is cut, not complete.
                    _finished = true;
                    await DisposeEnumeratorAsync();
                    _owner.CancelledByCaller(_lease);
                    throw new OperationCanceledException(_callerToken);
                }

                if (!hasUpdate && _timer.IsCancellationRequested)
                {
                    throw await FailAsync(TimeoutFailure(), pending: null, exception: null);
                }

                if (!hasUpdate)
                {
                    _finished = true;
                    await DisposeEnumeratorAsync();
                    Flush();
                    _owner.Succeed(_lease);
                    continue;
                }

                var update = _enumerator.Current;
                if (_contentStreamed)
                {
                    return update;
                }

                _held.Add(update);
                if (HasContent(update))
                {
                    _contentStreamed = true;
                    Log.FirstContent(_owner._logger, _attempt, Clock.GetUtcNow() - _attemptStart);
                    Flush();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_finished)
            {
                // The caller stopped reading before the end: no verdict on the backend.
                _finished = true;
                _owner._breaker.RecordNoOutcome(_lease);
            }

            await DisposeEnumeratorAsync();
            _linked.Dispose();
            _timer.Dispose();
        }

        private IAsyncEnumerator<ChatResponseUpdate> StartAttempt()
        {
            _attempt++;
            _attemptStart = Clock.GetUtcNow();
            _held.Clear();
            return _owner.InnerClient.GetStreamingResponseAsync(_messages, _options, _linked.Token).GetAsyncEnumerator(_linked.Token);
        }

        /// <summary>What the timer that fired was guarding: the whole call, the first token, or the silence between updates.</summary>
        private ChatFailure TimeoutFailure() =>
            _timerIsDeadline ? new ChatFailure(ChatBackendFailureKind.Timeout, false, null, "total timeout")
            : _contentStreamed ? new ChatFailure(ChatBackendFailureKind.BrokenStream, false, null, "the stream stalled")
            : new ChatFailure(ChatBackendFailureKind.Timeout, false, null, "first-token timeout");

        private async Task<ChatBackendException> FailAsync(ChatFailure failure, Task<bool>? pending, Exception? exception)
        {
            _finished = true;
            await _timer.CancelAsync();
            await AbandonAsync(pending);
            return _owner.Fail(_lease, failure, _attempt, _contentStreamed, exception);
        }

        /// <summary>Drops the current attempt; an inner call still running is disposed once it returns.</summary>
        private async Task AbandonAsync(Task<bool>? pending)
        {
            var enumerator = _enumerator;
            _enumerator = null;
            if (enumerator is null)
            {
                return;
            }

            if (pending is { IsCompleted: false })
            {
                _ = DisposeWhenDoneAsync(enumerator, pending);
                return;
            }

            await DisposeQuietlyAsync(enumerator);
        }

        private async Task DisposeEnumeratorAsync()
        {
            var enumerator = _enumerator;
            _enumerator = null;
            if (enumerator is not null)
            {
                await DisposeQuietlyAsync(enumerator);
            }
        }

        private void Flush()
        {
            foreach (var update in _held)
            {
                _ready.Enqueue(update);
            }

            _held.Clear();
        }

        private static async Task DisposeWhenDoneAsync(IAsyncEnumerator<ChatResponseUpdate> enumerator, Task pending)
        {
            try
            {
                await pending;
            }
            catch
            {
                // The attempt was already given up; its outcome no longer matters.
            }

            await DisposeQuietlyAsync(enumerator);
        }

        private static async Task DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate> enumerator)
        {
            try
            {
                await enumerator.DisposeAsync();
            }
            catch
            {
                // Disposing a failed attempt may throw the same failure again.
            }
        }

        private static bool HasContent(ChatResponseUpdate update) =>
            update.Contents.Any(content => content switch
            {
                TextContent text => text.Text.Length > 0,
                TextReasoningContent reasoning => reasoning.Text.Length > 0,
                UsageContent => false,
                _ => true,
            });
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Model call attempt {Attempt} failed ({Reason}); retrying in {Delay}.")]
        public static partial void Retrying(ILogger logger, int attempt, string reason, TimeSpan delay);

        [LoggerMessage(2, LogLevel.Error, "Model call failed: {Kind} ({Reason}) after {Attempts} attempt(s); partial content streamed: {Partial}.")]
        public static partial void CallFailed(ILogger logger, ChatBackendFailureKind kind, string reason, int attempts, bool partial, Exception? exception);

        [LoggerMessage(3, LogLevel.Information, "Model call cancelled by the caller; not counted as a failure.")]
        public static partial void CancelledByCaller(ILogger logger);

        [LoggerMessage(4, LogLevel.Warning, "Circuit opened after {Failures} consecutive failures; failing fast for {Duration}.")]
        public static partial void CircuitOpened(ILogger logger, int failures, TimeSpan duration);

        [LoggerMessage(5, LogLevel.Information, "Circuit half-open: letting one trial call through.")]
        public static partial void CircuitHalfOpen(ILogger logger);

        [LoggerMessage(6, LogLevel.Information, "Circuit closed: the trial call succeeded.")]
        public static partial void CircuitClosed(ILogger logger);

        [LoggerMessage(7, LogLevel.Debug, "Model call rejected: circuit open for {RetryAfter} more.")]
        public static partial void CircuitOpenRejected(ILogger logger, TimeSpan retryAfter);

        [LoggerMessage(8, LogLevel.Debug, "First content on attempt {Attempt} after {Latency}.")]
        public static partial void FirstContent(ILogger logger, int attempt, TimeSpan latency);
    }
}
