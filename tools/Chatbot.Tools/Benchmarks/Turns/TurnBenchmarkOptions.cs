namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>How long and how hard <see cref="TurnBenchmark"/> drives each scenario.</summary>
public sealed class TurnBenchmarkOptions
{
    /// <summary>The default measured time per scenario.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(20);

    /// <summary>The default unmeasured warm-up per scenario.</summary>
    public static readonly TimeSpan DefaultWarmup = TimeSpan.FromSeconds(3);

    /// <summary>The default time between two memory samples of a scenario's curve.</summary>
    public static readonly TimeSpan DefaultMemorySampleInterval = TimeSpan.FromSeconds(30);

    /// <summary>The default number of concurrent conversations.</summary>
    public const int DefaultConnections = 8;

    /// <summary>The scenarios to run, in order. <see cref="TurnScenario.App"/> and <see cref="TurnScenario.FakeLlm"/> need an <see cref="AppUnderTest"/>.</summary>
    public IReadOnlyList<TurnScenario> Scenarios
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ArgumentOutOfRangeException.ThrowIfZero(value.Count, nameof(Scenarios));
            field = value;
        }
    } = [TurnScenario.Echo, TurnScenario.Embed, TurnScenario.App, TurnScenario.FakeLlm];

    /// <summary>Concurrent conversations, each on its own connection (1-1024).</summary>
    public int Connections
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1024);
            field = value;
        }
    } = DefaultConnections;

    /// <summary>The measured time per scenario.</summary>
    public TimeSpan Duration
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultDuration;

    /// <summary>The unmeasured time before each scenario's window (zero or more).</summary>
    public TimeSpan Warmup
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultWarmup;

    /// <summary>
    /// The measured time of the no-op baseline (the load driver against a bare HTTP endpoint), whose CPU
    /// per turn is subtracted from every scenario's. Null: <see cref="Duration"/>, at most 5 s.
    /// </summary>
    public TimeSpan? BaselineDuration
    {
        get;
        set
        {
            if (value is { } duration)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero, nameof(BaselineDuration));
            }

            field = value;
        }
    }

    /// <summary>How often each scenario records the process's working set and managed heap (its memory curve).</summary>
    public TimeSpan MemorySampleInterval
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultMemorySampleInterval;

    /// <summary>How long one turn may take before it counts as an error.</summary>
    public TimeSpan TurnTimeout
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            field = value;
        }
    } = TimeSpan.FromSeconds(60);

    internal TimeSpan EffectiveBaselineDuration => BaselineDuration ?? (Duration < TimeSpan.FromSeconds(5) ? Duration : TimeSpan.FromSeconds(5));
}
