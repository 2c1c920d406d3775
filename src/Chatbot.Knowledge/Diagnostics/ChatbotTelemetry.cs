using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Chatbot.Knowledge.Diagnostics;

/// <summary>
/// The bot's own OpenTelemetry source and meter, named <see cref="Name"/>: a span per turn, message analysis,
/// retrieval and grounding check, and their durations as histograms. Model calls and embeddings report through
/// Microsoft.Extensions.AI's OpenTelemetry layers under their own sources. Without a listener, all of it costs nothing.
/// </summary>
/// <remarks>
/// Static by design, as .NET recommends for an <see cref="ActivitySource"/> and a <see cref="Meter"/>: they are created once
/// per process and hold no conversation state.
/// </remarks>
public static class ChatbotTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Chatbot";

    /// <summary>Spans of the turn and its stages.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The bot's metrics.</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>How long a message turn takes, from the activity's arrival to the last reply, in milliseconds.</summary>
    public static Histogram<double> TurnDuration { get; } = Meter.CreateHistogram<double>("chatbot.turn.duration", "ms", "Duration of a message turn.");

    /// <summary>How long one retrieval takes, in milliseconds.</summary>
    public static Histogram<double> RetrievalDuration { get; } = Meter.CreateHistogram<double>("chatbot.retrieval.duration", "ms", "Duration of one knowledge-base search.");

    /// <summary>How long the grounding check of one answer takes, in milliseconds.</summary>
    public static Histogram<double> CheckDuration { get; } = Meter.CreateHistogram<double>("chatbot.grounding.duration", "ms", "Duration of the grounding check of one answer.");

    /// <summary>How long the model's second opinion on an answer's unsure sentences takes, in milliseconds, tagged with its outcome.</summary>
    public static Histogram<double> JudgeDuration { get; } = Meter.CreateHistogram<double>("chatbot.grounding.judge.duration", "ms", "Duration of the model's second opinion on unsure answer sentences.");

    /// <summary>Answer sentences the grounding check flagged as likely hallucinations.</summary>
    public static Counter<long> FlaggedSentences { get; } = Meter.CreateCounter<long>("chatbot.grounding.flagged", "{sentence}", "Answer sentences flagged as not supported by their sources.");
}
